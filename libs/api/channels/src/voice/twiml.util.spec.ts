import { bridgeTwiml, emptyTwiml, escapeXml, holdTwiml, incomingCallTwiml, spellForSpeech, unknownNumberTwiml } from './twiml.util';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';

describe('escapeXml', () => {
  it.each([
    ['plain text', 'plain text'],
    ['Tom & Jerry <Ltd>', 'Tom &amp; Jerry &lt;Ltd&gt;'],
    [`say "hi" it's`, 'say &quot;hi&quot; it&apos;s'],
    ['&amp; stays escaped once', '&amp;amp; stays escaped once'],
    ['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
    ['ünïcödé ✓ 😀', 'ünïcödé ✓ 😀'],
  ])('%s', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe('spellForSpeech', () => {
  it.each([
    ['SB-1042', 'S B 1 0 4 2'],
    ['sb-7', 'S B 7'],
    ['', ''],
  ])('%s → "%s"', (reference, spoken) => {
    expect(spellForSpeech(reference)).toBe(spoken);
  });
});

describe('TwiML builders', () => {
  it('greets a caller with the client and the spelled reference, then queues them', () => {
    expect(incomingCallTwiml({ clientName: 'Northwind Insurance', reference: 'SB-1042', queueName: 'northwind' })).toBe(
      `${XML}<Response><Say>Thank you for calling Northwind Insurance. Your reference is S B 1 0 4 2. Please hold while we connect you to an agent.</Say>` +
        `<Enqueue waitUrl="/api/webhooks/voice/hold" action="/api/webhooks/voice/queue">northwind</Enqueue></Response>`,
    );
  });

  it('escapes a client name and queue name that contain markup', () => {
    const xml = incomingCallTwiml({ clientName: 'A&B <Say>Pwned</Say>', reference: 'SB-1', queueName: 'q"<x>' });
    expect(xml).toContain('<Say>Thank you for calling A&amp;B &lt;Say&gt;Pwned&lt;/Say&gt;.');
    expect(xml).toContain('>q&quot;&lt;x&gt;</Enqueue>');
    expect(xml.match(/<Say>/g)).toHaveLength(1);
  });

  it('plays hold music in a loop, escaping the URL', () => {
    expect(holdTwiml('https://music.example/a.mp3?x=1&y=2')).toBe(`${XML}<Response><Play loop="0">https://music.example/a.mp3?x=1&amp;y=2</Play></Response>`);
  });

  it('bridges to the agent’s softphone', () => {
    expect(bridgeTwiml('5f0c1b9e-1111-4222-8333-944455556666', 'https://sb.example/api/webhooks/voice/recording?a=1&b=2')).toBe(
      `${XML}<Response><Dial record="record-from-answer-dual" recordingStatusCallback="https://sb.example/api/webhooks/voice/recording?a=1&amp;b=2" recordingStatusCallbackEvent="completed"><Client>agent_5f0c1b9e-1111-4222-8333-944455556666</Client></Dial></Response>`,
    );
  });

  it('hangs up on a number nobody owns', () => {
    expect(unknownNumberTwiml()).toBe(`${XML}<Response><Say>Sorry, the number you have called is not in service. Goodbye.</Say><Hangup/></Response>`);
  });

  it('answers an empty document when there is nothing to do', () => {
    expect(emptyTwiml()).toBe(`${XML}<Response/>`);
  });
});
