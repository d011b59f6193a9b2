// `node --test tools/simulate/`: the pure parts of `npm run simulate`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CHANNELS,
  TEST_CARDS,
  UsageError,
  createStats,
  defaultSigningBase,
  formatSummary,
  identities,
  ids,
  makeConversation,
  makeRandom,
  metaSignature,
  nextGapSeconds,
  parseMix,
  parseOptions,
  percentile,
  pickWeighted,
  recordAccepted,
  recordFailed,
  twilioSignature,
} from './simulate-lib.mjs';

describe('twilioSignature', () => {
  it('matches the example in Twilio’s webhook security documentation', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('sorts the parameters by name, whatever order they come in', () => {
    const url = 'http://localhost:3000/api/webhooks/voice/incoming';
    assert.equal(twilioSignature('t0ken', url, { To: '+1', From: '+2', CallSid: 'CA1' }), twilioSignature('t0ken', url, { CallSid: 'CA1', From: '+2', To: '+1' }));
    assert.notEqual(twilioSignature('t0ken', url, { A: '1' }), twilioSignature('other', url, { A: '1' }));
  });
});

describe('metaSignature', () => {
  it('is the hex HMAC-SHA256 of the exact UTF-8 body (value from `openssl dgst -sha256 -hmac`)', () => {
    const body =
      '{"object":"page","entry":[{"id":"1029384756","time":1700000000000,"messaging":[{"sender":{"id":"7000000000000001"},"recipient":{"id":"1029384756"},"timestamp":1700000000000,"message":{"mid":"m_test","text":"Hola, ¿dónde está mi pedido?"}}]}]}';
    assert.equal(metaSignature('test-app-secret-0123456789', body), 'sha256=2bcabc808cea7e7c4cd8de0a82942cc69d16b758a020a7cf7917cd88d7286269');
    assert.equal(metaSignature('test-app-secret-0123456789', Buffer.from(body)), metaSignature('test-app-secret-0123456789', body));
  });
});

describe('parseOptions', () => {
  it('has the documented defaults', () => {
    const o = parseOptions([], {});
    assert.equal(o.rate, 2);
    assert.equal(o.duration, 30);
    assert.deepEqual(o.mix, { chat: 4, email: 2, social: 2, voice: 1 });
    assert.equal(o.url, 'http://localhost:3000');
    assert.equal(o.smtpPort, 2525);
    assert.equal(o.dataDir, '.data');
    assert.equal(o.publicUrl, 'http://localhost:3000');
    assert.equal(o.arrivals, 'poisson');
    assert.equal(o.maxInFlight, 500);
    assert.equal(o.seed, undefined);
  });

  it('takes defaults from PUBLIC_URL, SMTP_PORT and DATA_DIR', () => {
    const o = parseOptions([], { PUBLIC_URL: 'https://sb.example.com/', SMTP_PORT: '2600', DATA_DIR: '/var/sb' });
    assert.equal(o.url, 'https://sb.example.com');
    assert.equal(o.publicUrl, 'https://sb.example.com');
    assert.equal(o.smtpPort, 2600);
    assert.equal(o.dataDir, '/var/sb');
  });

  it('reads `--name value` and `--name=value`; options beat the environment', () => {
    const o = parseOptions(['--rate', '5', '--duration=60', '--mix', 'chat=1,voice=0', '--url', 'http://127.0.0.1:3999', '--smtp-port', '2599', '--data-dir', '/tmp/d', '--arrivals', 'fixed', '--seed', '7'], {
      SMTP_PORT: '1',
      PUBLIC_URL: 'http://elsewhere:1',
    });
    assert.deepEqual([o.rate, o.duration, o.smtpPort, o.dataDir, o.arrivals, o.seed], [5, 60, 2599, '/tmp/d', 'fixed', 7]);
    assert.deepEqual(o.mix, { chat: 1, email: 0, social: 0, voice: 0 });
    assert.equal(o.url, 'http://127.0.0.1:3999');
    assert.equal(o.publicUrl, 'http://elsewhere:1', 'PUBLIC_URL is what the server signs against');
  });

  it('signs against http://localhost:<port of --url> when PUBLIC_URL is not set, like the server', () => {
    assert.equal(parseOptions(['--url', 'http://127.0.0.1:3999'], {}).publicUrl, 'http://localhost:3999');
    assert.equal(parseOptions(['--url', 'http://127.0.0.1:3999', '--public-url', 'https://tunnel.example.com'], {}).publicUrl, 'https://tunnel.example.com');
    assert.equal(defaultSigningBase('https://sb.example.com'), 'https://sb.example.com');
  });

  it('answers --help and -h', () => {
    assert.deepEqual(parseOptions(['--rate', '3', '--help'], {}), { help: true });
    assert.deepEqual(parseOptions(['-h'], {}), { help: true });
  });

  for (const [argv, message] of [
    [['--rate', 'fast'], /--rate must be a number/],
    [['--rate', '0'], /--rate must be between/],
    [['--rate', '-1'], /--rate must be between/],
    [['--duration'], /--duration needs a value/],
    [['--duration', '--rate', '1'], /--duration needs a value/],
    [['--smtp-port', '70000'], /--smtp-port must be between/],
    [['--smtp-port', '25.5'], /--smtp-port must be a whole number/],
    [['--url', 'localhost:3000'], /--url must be an http or https URL/],
    [['--url', 'not a url'], /--url must be a URL/],
    [['--arrivals', 'burst'], /--arrivals must be one of poisson, fixed/],
    [['--speed', '3'], /Unknown option --speed/],
    [['fast'], /Unexpected argument "fast"/],
    [['--rate', '1', '--rate', '2'], /--rate is given twice/],
    [['--mix', 'chat=1,sms=2'], /unknown channel "sms"/],
  ]) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(() => parseOptions(argv, {}), (error) => error instanceof UsageError && message.test(error.message));
    });
  }
});

describe('parseMix', () => {
  it('reads weights, leaving out channels as 0', () => {
    assert.deepEqual(parseMix('chat=4,email=2,social=2,voice=1'), { chat: 4, email: 2, social: 2, voice: 1 });
    assert.deepEqual(parseMix(' Voice = 0.5 , chat=1 '), { chat: 1, email: 0, social: 0, voice: 0.5 });
  });

  for (const [text, message] of [
    ['chat', /not channel=weight/],
    ['chat=-1', /not channel=weight/],
    ['chat=1,chat=2', /chat is given twice/],
    ['chat=0,email=0', /at least one channel/],
    ['', /at least one channel/],
    ['fax=1', /unknown channel "fax"/],
  ]) {
    it(`refuses "${text}"`, () => assert.throws(() => parseMix(text), (error) => error instanceof UsageError && message.test(error.message)));
  }
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [15, 20, 35, 40, 50];
    assert.equal(percentile(values, 50), 35);
    assert.equal(percentile(values, 95), 50);
    assert.equal(percentile(values, 0), 15);
    assert.equal(percentile(values, 100), 50);
    assert.equal(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 95), 95);
  });

  it('is null without values and does not reorder its input', () => {
    assert.equal(percentile([], 50), null);
    const values = [3, 1, 2];
    percentile(values, 50);
    assert.deepEqual(values, [3, 1, 2]);
  });
});

describe('pacing and choice', () => {
  it('picks channels in proportion to their weights and never one weighing 0', () => {
    const random = makeRandom(1);
    const counts = { chat: 0, email: 0, social: 0, voice: 0 };
    for (let i = 0; i < 9000; i++) counts[pickWeighted({ chat: 4, email: 2, social: 3, voice: 0 }, random)]++;
    assert.equal(counts.voice, 0);
    assert.ok(Math.abs(counts.chat / 9000 - 4 / 9) < 0.03, JSON.stringify(counts));
    assert.ok(Math.abs(counts.social / 9000 - 3 / 9) < 0.03, JSON.stringify(counts));
  });

  it('spaces fixed arrivals evenly and Poisson arrivals at the same mean rate', () => {
    assert.equal(nextGapSeconds(4, 'fixed', Math.random), 0.25);
    const random = makeRandom(42);
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += nextGapSeconds(4, 'poisson', random);
    assert.ok(Math.abs(sum / 20000 - 0.25) < 0.01, `mean gap ${sum / 20000}`);
  });

  it('repeats with a seed', () => {
    const a = makeRandom(9);
    const b = makeRandom(9);
    assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
  });
});

describe('conversations', () => {
  const random = makeRandom(2024);
  const many = (client) => Array.from({ length: 600 }, () => makeConversation(client, random));

  it('has 1–3 filled-in messages and a plausible customer', () => {
    for (const c of [...many('northwind'), ...many('globex')]) {
      assert.ok(c.messages.length >= 1 && c.messages.length <= 3);
      for (const m of c.messages) assert.doesNotMatch(m, /\{\w+\}/);
      assert.doesNotMatch(c.subject, /\{\w+\}/);
      assert.match(c.email, /^[a-z.]+\d+@[a-z.]+\.(com|net|org)$/);
    }
  });

  it('speaks each client’s languages, with Spanish for Northwind and Tagalog for Globex', () => {
    const northwind = new Set(many('northwind').map((c) => c.lang));
    const globex = new Set(many('globex').map((c) => c.lang));
    assert.deepEqual([...northwind].sort(), ['en', 'es']);
    assert.deepEqual([...globex].sort(), ['en', 'tl']);
  });

  it('sometimes, not always, includes a Luhn-valid card number', () => {
    const all = [...many('northwind'), ...many('globex')];
    const withCard = all.filter((c) => c.messages.some((m) => TEST_CARDS.some((card) => m.includes(card)))).length;
    assert.ok(withCard > 0.03 * all.length && withCard < 0.4 * all.length, `${withCard} of ${all.length}`);
    for (const card of TEST_CARDS) {
      const digits = card.replace(/\D/g, '');
      const sum = [...digits].reverse().reduce((s, d, i) => s + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][+d] : +d), 0);
      assert.equal(sum % 10, 0, card);
    }
  });
});

describe('ids', () => {
  it('have the shapes the platforms use and never repeat', () => {
    assert.match(ids.twilio('CA'), /^CA[0-9a-f]{32}$/);
    const clientMsgId = ids.clientMsgId();
    assert.match(clientMsgId, /^[A-Za-z0-9_-]{8,100}$/);
    assert.notEqual(ids.clientMsgId(), clientMsgId);
    assert.match(ids.whatsappId(), /^wamid\.[A-Za-z0-9_-]+$/);
    assert.match(ids.emailMessageId('pat@example.com'), /^<sim\.[0-9a-f]+@example\.com>$/);
    const random = makeRandom(3);
    assert.match(identities.usPhone(random), /^\+1555\d{7}$/);
    assert.match(identities.psid(random), /^[1-9]\d{15}$/);
  });
});

describe('formatSummary', () => {
  it('shows counts, percentiles and the first error of each kind', () => {
    const stats = createStats();
    stats.channels.chat.contacts = 2;
    recordAccepted(stats, 'chat', 'message.send', 12);
    recordAccepted(stats, 'chat', 'message.send', 30);
    stats.channels.voice.contacts = 2;
    recordFailed(stats, 'voice', 'HTTP 404 NOT_FOUND', 'incoming: POST /api/webhooks/voice/incoming → 404');
    recordFailed(stats, 'voice', 'HTTP 404 NOT_FOUND', 'a later one');
    const text = formatSummary(stats, { elapsedSeconds: 3, rate: 2, arrivals: 'poisson', inFlight: 0, interrupted: false });
    assert.match(text, /chat\s+2\s+2\s+2\s+0\s+12ms\s+30ms/);
    assert.match(text, /voice\s+2\s+2\s+0\s+2/);
    assert.match(text, /total\s+4\s+4\s+2\s+2/);
    assert.match(text, /2× HTTP 404 NOT_FOUND — first: incoming: POST/);
    assert.doesNotMatch(text, /a later one/);
    assert.doesNotMatch(text, /^email/m, 'channels without traffic are left out');
    assert.deepEqual(Object.keys(stats.channels), [...CHANNELS]);
  });
});
