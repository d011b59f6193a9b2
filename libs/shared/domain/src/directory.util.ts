import {
  ACCOUNT_ROLES,
  ALLOWED_ORIGINS_MAX,
  BRAND_COLOR_PATTERN,
  CAPACITY_MAX,
  CHANNELS,
  CLIENT_NAME_MAX,
  CLIENT_SLUG_PATTERN,
  DEFAULT_BRAND_COLOR,
  DEFAULT_CAPACITY,
  DEFAULT_PII_POLICY,
  DIRECTORY_ROLES,
  DISPLAY_NAME_MAX,
  INBOX_ADDRESS_MAX,
  INBOX_GREETING_MAX,
  INBOX_NAME_MAX,
  LANGUAGE_PATTERN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  SKILL_KEY_PATTERN,
  SKILL_NAME_MAX,
  TEAM_NAME_MAX,
  WEEKDAYS,
  type AccountRole,
  type AgentSkillGrant,
  type BusinessCalendar,
  type Channel,
  type DirectoryRole,
  type FieldError,
  type InboxSettings,
  type PiiPolicy,
  type TimeRange,
  type Weekday,
} from '@switchboard/shared-contracts';
import type { Parsed } from './queue-config.util';
import { isValidTimeOfDay, isValidTimeZone } from './shift-schedule.util';

/**
 * Checks of what an admin sends the directory (clients, inboxes, skills, agents): the whole request
 * when creating (`base` null), the given fields over `base` when editing. Unknown fields are refused
 * and every problem is reported at once, each on its own dotted field.
 */

export interface ClientSettings {
  name: string;
  timeZone: string;
  languages: string[];
  channels: Channel[];
  brandColor: string;
  businessCalendar: BusinessCalendar;
  piiPolicy: PiiPolicy;
}

export interface NewClient extends ClientSettings {
  slug: string;
}

const CLIENT_DEFAULTS: Omit<ClientSettings, 'name' | 'timeZone'> = {
  languages: ['en'],
  channels: [...CHANNELS],
  brandColor: DEFAULT_BRAND_COLOR,
  businessCalendar: { weekly: {}, holidays: [] },
  piiPolicy: DEFAULT_PII_POLICY,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
/** International form: `+` and the country code, then digits (spaces, dashes and brackets allowed as typed): +1-800-555-0142. */
const PHONE = /^\+[1-9](?:[ ()-]?\d){6,14}$/;
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;
const PII_LEVELS = ['full', 'partial', 'hidden'];
const PRECHAT_LEVELS = ['off', 'optional', 'required'];

type Fail = (field: string, message: string) => void;

function collector(): { fields: FieldError[]; fail: Fail } {
  const fields: FieldError[] = [];
  return { fields, fail: (field, message) => fields.push({ field, message }) };
}

/** A client's settings: `slug` only when creating (it is fixed afterwards). */
export function parseClientRequest(input: unknown, base: ClientSettings): Parsed<ClientSettings>;
export function parseClientRequest(input: unknown, base: null): Parsed<NewClient>;
export function parseClientRequest(input: unknown, base: ClientSettings | null): Parsed<ClientSettings | NewClient> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  const known = ['name', 'timeZone', 'languages', 'channels', 'brandColor', 'businessCalendar', 'piiPolicy', ...(base ? [] : ['slug'])];
  for (const key of Object.keys(input)) if (!known.includes(key)) fail(key, key === 'slug' ? 'cannot change once the client exists' : 'is not a client setting');
  const given = defined(input);
  if (!base) for (const key of ['slug', 'name', 'timeZone']) if (given[key] === undefined) fail(key, 'is required');
  const has = (key: string) => given[key] !== undefined;

  if (!base && has('slug') && !(typeof given['slug'] === 'string' && CLIENT_SLUG_PATTERN.test(given['slug']))) fail('slug', 'must be 2–63 lowercase letters, digits or -, starting with a letter or digit');
  if (has('name') && !isText(given['name'], CLIENT_NAME_MAX)) fail('name', `must be 1–${CLIENT_NAME_MAX} characters`);
  if (has('timeZone')) checkTimeZone(given['timeZone'], 'timeZone', fail);
  if (has('languages')) checkLanguages(given['languages'], 'languages', fail, 1);
  if (has('channels')) {
    const channels = given['channels'];
    if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => (CHANNELS as readonly unknown[]).includes(c)) || new Set(channels).size !== channels.length) {
      fail('channels', `must list one or more of ${CHANNELS.join(', ')}, each once`);
    }
  }
  if (has('brandColor') && !(typeof given['brandColor'] === 'string' && BRAND_COLOR_PATTERN.test(given['brandColor']))) fail('brandColor', 'must be a colour written #rrggbb');
  if (has('businessCalendar')) checkCalendar(given['businessCalendar'], fail);
  if (has('piiPolicy')) {
    const policy = given['piiPolicy'];
    if (!isRecord(policy)) fail('piiPolicy', 'must be {email, phone}');
    else {
      for (const key of Object.keys(policy)) if (key !== 'email' && key !== 'phone') fail(`piiPolicy.${key}`, 'is not a PII setting');
      for (const key of ['email', 'phone']) if (!PII_LEVELS.includes(policy[key] as string)) fail(`piiPolicy.${key}`, `must be one of ${PII_LEVELS.join(', ')}`);
    }
  }
  if (fields.length) return { ok: false, fields };
  const merged = { ...CLIENT_DEFAULTS, ...(base ?? {}), ...given } as NewClient;
  merged.name = merged.name.trim();
  return { ok: true, value: merged };
}

function checkCalendar(value: unknown, fail: Fail): void {
  if (!isRecord(value)) return fail('businessCalendar', 'must be {weekly, holidays}');
  for (const key of Object.keys(value)) if (key !== 'weekly' && key !== 'holidays') fail(`businessCalendar.${key}`, 'is not a calendar field');
  checkWeek(value['weekly'], 'businessCalendar.weekly', fail);
  const holidays = value['holidays'];
  if (!Array.isArray(holidays) || holidays.length > 366) return fail('businessCalendar.holidays', 'must be a list of up to 366 dates');
  holidays.forEach((day, i) => {
    if (typeof day !== 'string' || !ISO_DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) fail(`businessCalendar.holidays.${i}`, 'must be a date written YYYY-MM-DD');
  });
  if (new Set(holidays).size !== holidays.length) fail('businessCalendar.holidays', 'lists a date twice');
}

/** Weekly hours (opening hours, a shift): per weekday up to 4 ranges `HH:MM`–`HH:MM`; an end not after its start runs past midnight (`00:00`–`00:00`: the whole day). */
function checkWeek(value: unknown, field: string, fail: Fail): void {
  if (!isRecord(value)) return fail(field, 'must map weekdays (mon…sun) to time ranges');
  for (const [day, ranges] of Object.entries(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      fail(`${field}.${day}`, 'is not a weekday (mon, tue, wed, thu, fri, sat, sun)');
      continue;
    }
    if (!Array.isArray(ranges) || ranges.length > 4) {
      fail(`${field}.${day}`, 'must be a list of up to 4 time ranges');
      continue;
    }
    ranges.forEach((range: unknown, i) => {
      const ok = isRecord(range) && Object.keys(range).every((k) => k === 'start' || k === 'end') && isValidTimeOfDay(String(range['start'])) && isValidTimeOfDay(String(range['end']));
      if (!ok) fail(`${field}.${day}.${i}`, 'must be {start, end} written HH:MM (24-hour)');
    });
  }
}

export interface InboxRequest {
  channel: Channel;
  name: string;
  address: string;
  settings: InboxSettings;
  allowedOrigins: string[];
  rotateWidgetKey: boolean;
}

/** An inbox of a client: the address must suit the channel (an email address, an E.164 number, a page id). */
export function parseInboxRequest(input: unknown, base: Omit<InboxRequest, 'rotateWidgetKey'> | null): Parsed<InboxRequest> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  const known = base ? ['name', 'address', 'settings', 'allowedOrigins', 'rotateWidgetKey'] : ['channel', 'name', 'address', 'settings', 'allowedOrigins'];
  for (const key of Object.keys(input)) if (!known.includes(key)) fail(key, key === 'channel' ? 'cannot change: make a new inbox instead' : 'is not an inbox setting');
  const given = defined(input);
  if (!base) for (const key of ['channel', 'name', 'address']) if (given[key] === undefined) fail(key, 'is required');
  const has = (key: string) => given[key] !== undefined;
  const channel = (base?.channel ?? given['channel']) as Channel;
  if (!base && has('channel') && !(CHANNELS as readonly unknown[]).includes(channel)) fail('channel', `must be one of ${CHANNELS.join(', ')}`);
  if (has('name') && !isText(given['name'], INBOX_NAME_MAX)) fail('name', `must be 1–${INBOX_NAME_MAX} characters`);
  if (has('address')) {
    const address = given['address'];
    if (!isText(address, INBOX_ADDRESS_MAX)) fail('address', `must be 1–${INBOX_ADDRESS_MAX} characters`);
    else if (channel === 'email' && !EMAIL.test(address.trim())) fail('address', 'must be an email address for an email inbox');
    else if (channel === 'voice' && !PHONE.test(address.trim())) fail('address', 'must be a phone number in international form (+4420…) for a voice inbox');
    else if (/\s/.test(address.trim())) fail('address', 'must not contain spaces');
  }
  if (has('settings')) checkInboxSettings(given['settings'], channel, fail);
  if (has('allowedOrigins')) {
    const origins = given['allowedOrigins'];
    if (!Array.isArray(origins) || origins.length > ALLOWED_ORIGINS_MAX) fail('allowedOrigins', `must be a list of up to ${ALLOWED_ORIGINS_MAX} web sites`);
    else {
      if (origins.length > 0 && channel !== 'chat') fail('allowedOrigins', 'only chat inboxes are embedded in web sites');
      origins.forEach((origin, i) => {
        if (typeof origin !== 'string' || !ORIGIN.test(origin)) fail(`allowedOrigins.${i}`, 'must be a web site origin such as https://shop.example (no path)');
      });
    }
  }
  if (has('rotateWidgetKey')) {
    if (typeof given['rotateWidgetKey'] !== 'boolean') fail('rotateWidgetKey', 'must be true or false');
    else if (given['rotateWidgetKey'] && channel !== 'chat') fail('rotateWidgetKey', 'only chat inboxes have a widget key');
  }
  if (fields.length) return { ok: false, fields };
  const merged = { settings: {}, allowedOrigins: [], ...(base ?? {}), ...given, rotateWidgetKey: given['rotateWidgetKey'] === true } as InboxRequest;
  merged.name = merged.name.trim();
  merged.address = channel === 'email' ? merged.address.trim().toLowerCase() : merged.address.trim();
  merged.allowedOrigins = [...new Set(merged.allowedOrigins)];
  return { ok: true, value: merged };
}

function checkInboxSettings(value: unknown, channel: Channel, fail: Fail): void {
  if (!isRecord(value)) return fail('settings', 'must be an object');
  const keys = Object.keys(value);
  if (channel !== 'chat' && keys.length > 0) return fail('settings', 'only chat inboxes have widget settings');
  for (const key of keys) if (!['preChat', 'csat', 'offlineMessages', 'greeting'].includes(key)) fail(`settings.${key}`, 'is not a widget setting');
  if (value['preChat'] !== undefined) {
    const preChat = value['preChat'];
    if (!isRecord(preChat)) fail('settings.preChat', 'must be {name, email}');
    else {
      for (const key of Object.keys(preChat)) if (key !== 'name' && key !== 'email') fail(`settings.preChat.${key}`, 'is not a pre-chat field');
      for (const key of ['name', 'email']) if (!PRECHAT_LEVELS.includes(preChat[key] as string)) fail(`settings.preChat.${key}`, `must be one of ${PRECHAT_LEVELS.join(', ')}`);
    }
  }
  for (const key of ['csat', 'offlineMessages']) if (value[key] !== undefined && typeof value[key] !== 'boolean') fail(`settings.${key}`, 'must be true or false');
  if (value['greeting'] !== undefined && !(typeof value['greeting'] === 'string' && value['greeting'].length <= INBOX_GREETING_MAX)) fail('settings.greeting', `must be at most ${INBOX_GREETING_MAX} characters`);
}

/** A skill of the catalogue; its key is fixed once created (queues require it by key). */
export function parseSkillRequest(input: unknown, editing: boolean): Parsed<{ key: string; name: string }> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  for (const key of Object.keys(input)) if (key !== 'name' && (editing || key !== 'key')) fail(key, key === 'key' ? 'cannot change: queues require skills by key' : 'is not a skill field');
  if (!editing && !(typeof input['key'] === 'string' && SKILL_KEY_PATTERN.test(input['key']))) fail('key', 'must be 2–63 lowercase letters, digits or _, starting with a letter');
  if (!isText(input['name'], SKILL_NAME_MAX)) fail('name', `must be 1–${SKILL_NAME_MAX} characters`);
  if (fields.length) return { ok: false, fields };
  return { ok: true, value: { key: editing ? '' : (input['key'] as string), name: (input['name'] as string).trim() } };
}

export interface TeamSettings {
  name: string;
  timeZone: string;
}

/** A team: its name (unique, case as typed) and its time zone; on an edit (`base`) only what is given changes. */
export function parseTeamRequest(input: unknown, base: TeamSettings | null): Parsed<TeamSettings> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  for (const key of Object.keys(input)) if (key !== 'name' && key !== 'timeZone') fail(key, key === 'members' || key === 'clientIds' ? 'is set on each agent (their team and clients)' : 'is not a team setting');
  const given = defined(input);
  if (!base) for (const key of ['name', 'timeZone']) if (given[key] === undefined) fail(key, 'is required');
  if (given['name'] !== undefined && !isText(given['name'], TEAM_NAME_MAX)) fail('name', `must be 1–${TEAM_NAME_MAX} characters`);
  if (given['timeZone'] !== undefined) checkTimeZone(given['timeZone'], 'timeZone', fail);
  if (fields.length) return { ok: false, fields };
  const merged = { ...(base ?? {}), ...given } as TeamSettings;
  return { ok: true, value: { name: merged.name.trim(), timeZone: merged.timeZone } };
}

export interface NewStaffAccount {
  email: string;
  displayName: string;
  role: AccountRole;
  password: string;
}

/** A new team lead or admin account: who they are and their first password (nothing else: a lead's clients and team are set as an agent's). */
export function parseAccountRequest(input: unknown): Parsed<NewStaffAccount> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  const known = ['email', 'displayName', 'role', 'password'];
  for (const key of Object.keys(input)) if (!known.includes(key)) fail(key, 'is not an account setting');
  const given = defined(input);
  for (const key of known) if (given[key] === undefined) fail(key, 'is required');
  if (given['email'] !== undefined && !(typeof given['email'] === 'string' && given['email'].length <= 254 && EMAIL.test(given['email'].trim()))) fail('email', 'must be an email address');
  if (given['displayName'] !== undefined && !isText(given['displayName'], DISPLAY_NAME_MAX)) fail('displayName', `must be 1–${DISPLAY_NAME_MAX} characters`);
  if (given['role'] !== undefined && !(ACCOUNT_ROLES as readonly unknown[]).includes(given['role'])) fail('role', `must be one of ${ACCOUNT_ROLES.join(', ')}`);
  if (given['password'] !== undefined && !(typeof given['password'] === 'string' && given['password'].length >= PASSWORD_MIN && given['password'].length <= PASSWORD_MAX)) fail('password', `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`);
  if (fields.length) return { ok: false, fields };
  return { ok: true, value: { email: (given['email'] as string).trim().toLowerCase(), displayName: (given['displayName'] as string).trim(), role: given['role'] as AccountRole, password: given['password'] as string } };
}

/** A change to an account: a new name and/or deactivating (`disabled: true`) or reactivating it. At least one. */
export function parseAccountChange(input: unknown): Parsed<{ displayName?: string; disabled?: boolean }> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  for (const key of Object.keys(input)) if (key !== 'displayName' && key !== 'disabled') fail(key, key === 'role' ? 'cannot change: make a new account' : 'is not an account setting');
  const given = defined(input);
  if (given['displayName'] === undefined && given['disabled'] === undefined && !fields.length) fail('', 'must change displayName or disabled');
  if (given['displayName'] !== undefined && !isText(given['displayName'], DISPLAY_NAME_MAX)) fail('displayName', `must be 1–${DISPLAY_NAME_MAX} characters`);
  if (given['disabled'] !== undefined && typeof given['disabled'] !== 'boolean') fail('disabled', 'must be true or false');
  if (fields.length) return { ok: false, fields };
  return {
    ok: true,
    value: { ...(given['displayName'] !== undefined ? { displayName: (given['displayName'] as string).trim() } : {}), ...(given['disabled'] !== undefined ? { disabled: given['disabled'] as boolean } : {}) },
  };
}

export interface AgentSettings {
  email: string;
  displayName: string;
  role: DirectoryRole;
  clientIds: string[];
  skills: AgentSkillGrant[];
  languages: string[];
  capacity: Record<Channel, number>;
  timeZone: string;
  shiftSchedule: Partial<Record<Weekday, TimeRange[]>>;
  teamId: string | null;
  disabled: boolean;
  /** Set when a (new) password was given. */
  password: string | null;
}

const AGENT_FIELDS = ['email', 'displayName', 'role', 'password', 'clientIds', 'skills', 'languages', 'capacity', 'timeZone', 'shiftSchedule', 'teamId'];

/** An agent or team lead: who they are, whom they serve and with what, and when they work (in their own time zone). */
export function parseAgentRequest(input: unknown, base: Omit<AgentSettings, 'password'> | null): Parsed<AgentSettings> {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const { fields, fail } = collector();
  const known = base ? [...AGENT_FIELDS, 'disabled'] : AGENT_FIELDS;
  for (const key of Object.keys(input)) if (!known.includes(key)) fail(key, 'is not an agent setting');
  const given = defined(input);
  if (!base) for (const key of ['email', 'displayName', 'role', 'password', 'clientIds', 'timeZone']) if (given[key] === undefined) fail(key, 'is required');
  const has = (key: string) => given[key] !== undefined;

  if (has('email') && !(typeof given['email'] === 'string' && given['email'].length <= 254 && EMAIL.test(given['email'].trim()))) fail('email', 'must be an email address');
  if (has('displayName') && !isText(given['displayName'], DISPLAY_NAME_MAX)) fail('displayName', `must be 1–${DISPLAY_NAME_MAX} characters`);
  if (has('role') && !(DIRECTORY_ROLES as readonly unknown[]).includes(given['role'])) fail('role', `must be one of ${DIRECTORY_ROLES.join(', ')}`);
  if (has('password') && !(typeof given['password'] === 'string' && given['password'].length >= PASSWORD_MIN && given['password'].length <= PASSWORD_MAX)) fail('password', `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`);
  if (has('clientIds')) {
    const ids = given['clientIds'];
    if (!Array.isArray(ids) || ids.length > 200 || !ids.every((id) => typeof id === 'string' && UUID.test(id))) fail('clientIds', 'must be a list of client ids');
    else if (new Set(ids).size !== ids.length) fail('clientIds', 'lists a client twice');
  }
  if (has('skills')) {
    const skills = given['skills'];
    if (!Array.isArray(skills) || skills.length > 100) fail('skills', 'must be a list of up to 100 {skillId, proficiency}');
    else {
      skills.forEach((grant: unknown, i) => {
        if (!isRecord(grant) || !Object.keys(grant).every((k) => k === 'skillId' || k === 'proficiency')) return fail(`skills.${i}`, 'must be {skillId, proficiency}');
        if (!(typeof grant['skillId'] === 'string' && UUID.test(grant['skillId']))) fail(`skills.${i}.skillId`, 'must be a skill id');
        if (!isInt(grant['proficiency'], 1, 5)) fail(`skills.${i}.proficiency`, 'must be 1 (basic) to 5 (expert)');
      });
      if (new Set(skills.map((g: { skillId?: unknown }) => g?.skillId)).size !== skills.length) fail('skills', 'lists a skill twice');
    }
  }
  if (has('languages')) checkLanguages(given['languages'], 'languages', fail, 0);
  if (has('capacity')) {
    const capacity = given['capacity'];
    if (!isRecord(capacity)) fail('capacity', 'must map channels to a number of concurrent conversations');
    else {
      for (const [channel, n] of Object.entries(capacity)) {
        if (!(CHANNELS as readonly string[]).includes(channel)) fail(`capacity.${channel}`, 'is not a channel');
        else if (!isInt(n, 0, channel === 'voice' ? 1 : CAPACITY_MAX)) fail(`capacity.${channel}`, channel === 'voice' ? 'must be 0 or 1 (one call at a time)' : `must be a whole number from 0 to ${CAPACITY_MAX}`);
      }
    }
  }
  if (has('timeZone')) checkTimeZone(given['timeZone'], 'timeZone', fail);
  if (has('shiftSchedule')) checkWeek(given['shiftSchedule'], 'shiftSchedule', fail);
  if (has('teamId') && given['teamId'] !== null && !(typeof given['teamId'] === 'string' && UUID.test(given['teamId']))) fail('teamId', 'must be a team id or null');
  if (input['teamId'] === null) given['teamId'] = null;
  if (has('disabled') && typeof given['disabled'] !== 'boolean') fail('disabled', 'must be true or false');
  if (fields.length) return { ok: false, fields };

  const defaults = { skills: [], languages: ['en'], shiftSchedule: {}, teamId: null, disabled: false };
  const merged = { ...defaults, ...(base ?? {}), ...given } as AgentSettings;
  merged.capacity = { ...DEFAULT_CAPACITY, ...(base?.capacity ?? {}), ...((given['capacity'] as Partial<Record<Channel, number>>) ?? {}) };
  merged.email = merged.email.trim().toLowerCase();
  merged.displayName = merged.displayName.trim();
  merged.password = typeof given['password'] === 'string' ? given['password'] : null;
  return { ok: true, value: merged };
}

function checkTimeZone(value: unknown, field: string, fail: Fail): void {
  if (!(typeof value === 'string' && value.length >= 1 && value.length <= 64 && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value) && isValidTimeZone(value))) fail(field, 'must be an IANA time zone such as Europe/London');
}

function checkLanguages(value: unknown, field: string, fail: Fail, min: number): void {
  if (!Array.isArray(value) || value.length < min || value.length > 20 || !value.every((l) => typeof l === 'string' && LANGUAGE_PATTERN.test(l))) {
    fail(field, `must list ${min > 0 ? 'one to 20' : 'up to 20'} language codes such as "en"`);
  } else if (new Set(value).size !== value.length) fail(field, 'lists a language twice');
}

function defined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length >= 1 && value.length <= max;
}

function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
