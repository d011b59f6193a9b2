import { parseAccountChange, parseAccountRequest, parseAgentRequest, parseClientRequest, parseInboxRequest, parseSkillRequest, parseTeamRequest, type AgentSettings, type ClientSettings } from './directory.util';

const fieldsOf = (result: { ok: boolean; fields?: { field: string }[] }) => (result.ok ? [] : result.fields!.map((f) => f.field));

describe('parseClientRequest', () => {
  const base: ClientSettings = { name: 'Northwind', timeZone: 'Europe/London', languages: ['en'], channels: ['chat'], brandColor: '#112233', businessCalendar: { weekly: {}, holidays: [] }, piiPolicy: { email: 'partial', phone: 'hidden' } };
  it.each<[string, unknown, string[]]>([
    ['a complete new client', { slug: 'acme', name: 'Acme', timeZone: 'Asia/Manila' }, []],
    ['nothing', {}, ['slug', 'name', 'timeZone']],
    ['a bad slug and colour', { slug: 'Acme!', name: 'Acme', timeZone: 'UTC', brandColor: 'red' }, ['slug', 'brandColor']],
    ['an unknown time zone', { slug: 'acme', name: 'Acme', timeZone: 'Mars/Olympus' }, ['timeZone']],
    ['an unknown field', { slug: 'acme', name: 'Acme', timeZone: 'UTC', owner: 'x' }, ['owner']],
    ['bad hours and holidays', { slug: 'acme', name: 'Acme', timeZone: 'UTC', businessCalendar: { weekly: { funday: [], mon: [{ start: '9:00', end: '17:00' }] }, holidays: ['2026-13-01', '2026-12-25'] } }, ['businessCalendar.weekly.funday', 'businessCalendar.weekly.mon.0', 'businessCalendar.holidays.0']],
    ['a PII level that does not exist', { slug: 'acme', name: 'Acme', timeZone: 'UTC', piiPolicy: { email: 'open', phone: 'full' } }, ['piiPolicy.email']],
    ['no channel', { slug: 'acme', name: 'Acme', timeZone: 'UTC', channels: [] }, ['channels']],
  ])('new: %s', (_, input, fields) => {
    expect(fieldsOf(parseClientRequest(input, null))).toEqual(fields);
  });

  it('keeps what an edit does not give, refuses a new slug', () => {
    const edited = parseClientRequest({ brandColor: '#aabbcc' }, base);
    expect(edited).toEqual({ ok: true, value: { ...base, brandColor: '#aabbcc' } });
    expect(fieldsOf(parseClientRequest({ slug: 'other' }, base))).toEqual(['slug']);
  });

  it('fills the defaults of a new client', () => {
    const created = parseClientRequest({ slug: 'acme', name: ' Acme ', timeZone: 'UTC' }, null);
    expect(created.ok && created.value).toMatchObject({ name: 'Acme', languages: ['en'], channels: ['voice', 'email', 'chat', 'social'], piiPolicy: { email: 'partial', phone: 'partial' } });
  });
});

describe('parseInboxRequest', () => {
  it.each<[string, unknown, string[]]>([
    ['an email inbox', { channel: 'email', name: 'Support', address: 'help@acme.example' }, []],
    ['an email inbox without an email address', { channel: 'email', name: 'Support', address: 'helpdesk' }, ['address']],
    ['a voice inbox with a local number', { channel: 'voice', name: 'Line', address: '020 7946 0000' }, ['address']],
    ['a voice inbox written with dashes', { channel: 'voice', name: 'Line', address: '+1-800-555-0142' }, []],
    ['a chat inbox with sites and settings', { channel: 'chat', name: 'Web', address: 'web', allowedOrigins: ['https://acme.example'], settings: { csat: false, preChat: { name: 'required', email: 'off' } } }, []],
    ['a site with a path', { channel: 'chat', name: 'Web', address: 'web', allowedOrigins: ['https://acme.example/shop'] }, ['allowedOrigins.0']],
    ['widget settings on an email inbox', { channel: 'email', name: 'S', address: 'a@b.example', settings: { csat: true } }, ['settings']],
    ['an unknown channel', { channel: 'fax', name: 'S', address: 'x' }, ['channel']],
  ])('%s', (_, input, fields) => {
    expect(fieldsOf(parseInboxRequest(input, null))).toEqual(fields);
  });

  it('refuses a change of channel and a widget key on a non-chat inbox', () => {
    const base = { channel: 'email' as const, name: 'S', address: 'a@b.example', settings: {}, allowedOrigins: [] };
    expect(fieldsOf(parseInboxRequest({ channel: 'chat' }, base))).toEqual(['channel']);
    expect(fieldsOf(parseInboxRequest({ rotateWidgetKey: true }, base))).toEqual(['rotateWidgetKey']);
    expect(parseInboxRequest({ address: ' Help@B.example ' }, base)).toEqual({ ok: true, value: { ...base, address: 'help@b.example', rotateWidgetKey: false } });
  });
});

describe('parseSkillRequest', () => {
  it.each<[string, unknown, boolean, string[]]>([
    ['a new skill', { key: 'billing', name: 'Billing' }, false, []],
    ['a key with capitals', { key: 'Billing', name: 'Billing' }, false, ['key']],
    ['a renamed skill', { name: 'Billing & refunds' }, true, []],
    ['a new key on an edit', { key: 'refunds', name: 'Refunds' }, true, ['key']],
    ['an empty name', { key: 'billing', name: '  ' }, false, ['name']],
  ])('%s', (_, input, editing, fields) => {
    expect(fieldsOf(parseSkillRequest(input, editing))).toEqual(fields);
  });
});

describe('parseAgentRequest', () => {
  const C = '11111111-1111-4111-8111-111111111111';
  const S = '22222222-2222-4222-8222-222222222222';
  const valid = { email: 'Ana@Example.com', displayName: 'Ana', role: 'agent', password: 'correct horse battery', clientIds: [C], timeZone: 'Asia/Manila' };
  it.each<[string, unknown, string[]]>([
    ['a complete agent', { ...valid, skills: [{ skillId: S, proficiency: 4 }], shiftSchedule: { mon: [{ start: '22:00', end: '06:00' }] }, capacity: { chat: 4 } }, []],
    ['nothing', {}, ['email', 'displayName', 'role', 'password', 'clientIds', 'timeZone']],
    ['an admin', { ...valid, role: 'admin' }, ['role']],
    ['a short password', { ...valid, password: 'short' }, ['password']],
    ['two calls at once', { ...valid, capacity: { voice: 2, fax: 1 } }, ['capacity.voice', 'capacity.fax']],
    ['a proficiency of 9', { ...valid, skills: [{ skillId: S, proficiency: 9 }] }, ['skills.0.proficiency']],
    ['a skill twice', { ...valid, skills: [{ skillId: S, proficiency: 1 }, { skillId: S, proficiency: 2 }] }, ['skills']],
    ['a client id that is no id', { ...valid, clientIds: ["x' OR 1=1"] }, ['clientIds']],
    ['a shift without an end', { ...valid, shiftSchedule: { tue: [{ start: '09:00' }] } }, ['shiftSchedule.tue.0']],
    ['a whole day (00:00 to 00:00)', { ...valid, shiftSchedule: { tue: [{ start: '00:00', end: '00:00' }] } }, []],
    ['disabled on creation', { ...valid, disabled: true }, ['disabled']],
  ])('new: %s', (_, input, fields) => {
    expect(fieldsOf(parseAgentRequest(input, null))).toEqual(fields);
  });

  it('lower-cases the email, fills capacity per channel and keeps the password apart', () => {
    const parsed = parseAgentRequest({ ...valid, capacity: { chat: 4 } }, null);
    expect(parsed.ok && parsed.value).toMatchObject({ email: 'ana@example.com', capacity: { voice: 1, chat: 4, email: 5, social: 3 }, password: 'correct horse battery', teamId: null, disabled: false });
  });

  it('edits only what is given; null clears the team', () => {
    const base: Omit<AgentSettings, 'password'> = { email: 'ana@example.com', displayName: 'Ana', role: 'agent', clientIds: [C], skills: [], languages: ['en'], capacity: { voice: 1, chat: 3, email: 5, social: 3 }, timeZone: 'UTC', shiftSchedule: {}, teamId: S, disabled: false };
    expect(parseAgentRequest({ disabled: true, teamId: null }, base)).toEqual({ ok: true, value: { ...base, disabled: true, teamId: null, password: null } });
  });
});

describe('parseTeamRequest', () => {
  const base = { name: 'Manila A', timeZone: 'Asia/Manila' };
  it.each<[string, unknown, typeof base | null, string[]]>([
    ['a new team', { name: 'Manila B', timeZone: 'Asia/Manila' }, null, []],
    ['nothing', {}, null, ['name', 'timeZone']],
    ['a blank name and a made-up zone', { name: '   ', timeZone: 'Mars/Olympus' }, null, ['name', 'timeZone']],
    ['a name of 101 characters', { name: 'x'.repeat(101), timeZone: 'UTC' }, null, ['name']],
    ['members given on the team', { name: 'Manila B', timeZone: 'UTC', members: [] }, null, ['members']],
    ['a rename', { name: 'Manila A (nights)' }, base, []],
    ['a rename to a number', { name: 7 }, base, ['name']],
    ['not an object', ['Manila'], null, ['']],
  ])('%s', (_, input, editing, fields) => {
    expect(fieldsOf(parseTeamRequest(input, editing))).toEqual(fields);
  });

  it('trims the name and keeps what an edit does not give', () => {
    expect(parseTeamRequest({ name: '  Cebu  ' }, base)).toEqual({ ok: true, value: { name: 'Cebu', timeZone: 'Asia/Manila' } });
  });
});

describe('parseAccountRequest', () => {
  const valid = { email: ' Lena@Example.com ', displayName: 'Lena Lead', role: 'team_lead', password: 'correct horse battery' };
  it.each<[string, unknown, string[]]>([
    ['a team lead', valid, []],
    ['an admin', { ...valid, role: 'admin' }, []],
    ['an agent (made on the Agents tab)', { ...valid, role: 'agent' }, ['role']],
    ['a client user', { ...valid, role: 'client_admin' }, ['role']],
    ['nothing', {}, ['email', 'displayName', 'role', 'password']],
    ['a short password and no email', { ...valid, email: 'lena', password: 'short' }, ['email', 'password']],
    ['a client id smuggled in', { ...valid, clientId: '11111111-1111-4111-8111-111111111111' }, ['clientId']],
  ])('%s', (_, input, fields) => {
    expect(fieldsOf(parseAccountRequest(input))).toEqual(fields);
  });

  it('keeps the email in lower case, without spaces', () => {
    const parsed = parseAccountRequest(valid);
    expect(parsed.ok && parsed.value.email).toBe('lena@example.com');
  });
});

describe('parseAccountChange', () => {
  it.each<[string, unknown, string[]]>([
    ['deactivating', { disabled: true }, []],
    ['a new name', { displayName: 'Lena R.' }, []],
    ['nothing', {}, ['']],
    ['a role change', { role: 'admin' }, ['role']],
    ['"yes" for disabled', { disabled: 'yes' }, ['disabled']],
  ])('%s', (_, input, fields) => {
    expect(fieldsOf(parseAccountChange(input))).toEqual(fields);
  });
});
