import type { PlaybookRequest } from '@switchboard/shared-contracts';
import { linkUrlProblem, playbookProblems, tidyPlaybook } from './playbook.util';

describe('linkUrlProblem', () => {
  it.each([
    ['https://northwind.example/claims', null],
    ['http://intranet.example:8080/kb?q=claims#top', null],
    ['HTTPS://Northwind.Example/Claims', null],
    ['https://xn--bcher-kva.example/', null],
    ['javascript:alert(1)', 'must be a web address starting with http:// or https://'],
    ['JavaScript:alert(document.cookie)', 'must be a web address starting with http:// or https://'],
    ['data:text/html,<script>alert(1)</script>', 'must be a web address starting with http:// or https://'],
    ['vbscript:msgbox(1)', 'must be a web address starting with http:// or https://'],
    ['file:///etc/passwd', 'must be a web address starting with http:// or https://'],
    ['ftp://files.example/a', 'must be a web address starting with http:// or https://'],
    ['mailto:claims@northwind.example', 'must be a web address starting with http:// or https://'],
    ['//evil.example/path', 'must be a web address starting with http:// or https://'],
    ['/relative/path', 'must be a web address starting with http:// or https://'],
    ['northwind.example', 'must be a web address starting with http:// or https://'],
    ['http:/one-slash.example', 'must be a web address starting with http:// or https://'],
    [' https://northwind.example', 'must not contain spaces or control characters'],
    ['https://north wind.example', 'must not contain spaces or control characters'],
    ['java\tscript:alert(1)', 'must not contain spaces or control characters'],
    ['https://north\u0000wind.example', 'must not contain spaces or control characters'],
    ['https://', 'is not a valid web address'],
    ['https://exa[mple.com', 'is not a valid web address'],
    ['https://northwind.example@evil.example/login', 'must not carry a user name or password'],
    ['https://user:secret@northwind.example/', 'must not carry a user name or password'],
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
  ])('%s → %s', (url, problem) => {
    expect(linkUrlProblem(url)).toBe(problem);
  });

  it('refuses an address over 2000 characters', () => {
    expect(linkUrlProblem(`https://northwind.example/${'a'.repeat(1_974)}`)).toBeNull();
    expect(linkUrlProblem(`https://northwind.example/${'a'.repeat(1_975)}`)).toBe('must be at most 2000 characters');
  });
});

describe('playbookProblems', () => {
  const good: PlaybookRequest = {
    greeting: 'Hello {{contact.firstName}}, this is {{agent.firstName}} at {{client.name}}.',
    script: 'Verify the policy number.\nThen ask what happened.',
    dos: ['Confirm the policy number'],
    donts: ['Promise a payout'],
    links: [{ label: 'Claims handbook', url: 'https://northwind.example/handbook' }],
  };
  const many = (n: number, text = 'x') => Array.from({ length: n }, (_, i) => `${text} ${i}`);
  const link = (url: string, label = 'A link') => ({ label, url });

  it.each<[string, Partial<PlaybookRequest>, { field: string; message: string }[]]>([
    ['a good playbook', {}, []],
    ['an empty playbook', { greeting: '', script: '', dos: [], donts: [], links: [] }, []],
    ['exactly at every limit', { greeting: 'g'.repeat(1_000), script: 's'.repeat(8_000), dos: many(20), donts: ['d'.repeat(300)], links: Array.from({ length: 10 }, () => link('https://a.example', 'l'.repeat(80))) }, []],
    ['an over-long greeting', { greeting: 'g'.repeat(1_001) }, [{ field: 'greeting', message: 'must be at most 1000 characters' }]],
    ['a greeting with a typo in a placeholder', { greeting: 'Hi {{contact.firstname}}' }, [{ field: 'greeting', message: 'uses placeholders Switchboard does not fill: {{contact.firstname}}' }]],
    ['an over-long script', { script: 's'.repeat(8_001) }, [{ field: 'script', message: 'must be at most 8000 characters' }]],
    ['too many do’s', { dos: many(21) }, [{ field: 'dos', message: 'may hold at most 20 items' }]],
    ['an empty and an over-long don’t', { donts: ['ok', ' ', 'd'.repeat(301)] }, [
      { field: 'donts.1', message: 'must not be empty' },
      { field: 'donts.2', message: 'must be at most 300 characters' },
    ]],
    ['too many links', { links: Array.from({ length: 11 }, () => link('https://a.example')) }, [{ field: 'links', message: 'may hold at most 10 links' }]],
    ['a javascript: link and a link with no label', { links: [link('https://ok.example'), link('javascript:alert(1)'), link('https://ok.example', '  ')] }, [
      { field: 'links.1.url', message: 'must be a web address starting with http:// or https://' },
      { field: 'links.2.label', message: 'must not be empty' },
    ]],
    ['an over-long link label', { links: [link('https://ok.example', 'l'.repeat(81))] }, [{ field: 'links.0.label', message: 'must be at most 80 characters' }]],
  ])('%s', (_name, change, problems) => {
    expect(playbookProblems({ ...good, ...change })).toEqual(problems);
  });
});

describe('tidyPlaybook', () => {
  it('trims each text at its ends and keeps new lines inside', () => {
    expect(tidyPlaybook({ greeting: '  Hi!  ', script: '\n Step 1\n Step 2 \n', dos: [' a '], donts: ['b\n'], links: [{ label: ' Handbook ', url: ' https://a.example ' }] })).toEqual({
      greeting: 'Hi!',
      script: 'Step 1\n Step 2',
      dos: ['a'],
      donts: ['b'],
      links: [{ label: 'Handbook', url: 'https://a.example' }],
    });
  });
});
