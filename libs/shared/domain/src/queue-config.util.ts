import {
  CHANNELS,
  OVERFLOW_WIDENINGS,
  OverflowWiden,
  type Channel,
  type FieldError,
  type InboxRouting,
  type QueueProblem,
  type QueueSettings,
  type SkillRequirement,
} from '@switchboard/shared-contracts';
import { bestSkillFit, channelWeight, requirementAt, type ChannelCapacity } from './routing.util';

/** What a new queue gets for every setting its creator leaves out. */
export const DEFAULT_QUEUE_SETTINGS: Omit<QueueSettings, 'name' | 'channels'> = {
  requiredSkills: [],
  secondarySkills: [],
  language: null,
  teamIds: [],
  priority: 3,
  slaSeconds: 60,
  serviceLevelPercent: 80,
  resolutionSeconds: null,
  nextResponseSeconds: null,
  ordering: { priorityWeight: 10, waitWeight: 1, slaWeight: 5 },
  offerTimeouts: { voice: 20, chat: 30, email: 120, social: 60 },
  autoAcceptChannels: [],
  returnAfterSeconds: null,
  stickySeconds: 30,
  overflow: [],
  rejectCooldownSeconds: 600,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SKILL_KEY = /^[a-z][a-z0-9_]{1,62}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const DAY = 86_400;

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: FieldError[] };

/**
 * Checks queue settings from an admin: the whole object when creating (`base` null), the given
 * fields over `base` when editing. Unknown fields are refused; every problem is reported at once.
 */
export function parseQueueSettings(input: unknown, base: QueueSettings | null): Parsed<QueueSettings> {
  const fields: FieldError[] = [];
  const fail = (field: string, message: string) => fields.push({ field, message });
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be an object' }] };
  const known = new Set(['name', 'channels', ...Object.keys(DEFAULT_QUEUE_SETTINGS)]);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(key, 'is not a queue setting');
  if (!base) {
    if (input['name'] === undefined) fail('name', 'is required');
    if (input['channels'] === undefined) fail('channels', 'is required');
  }
  // A field given as `undefined` (an optional DTO property left out) keeps its current value.
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const merged = { ...DEFAULT_QUEUE_SETTINGS, ...(base ?? {}), ...given } as Record<string, unknown>;
  const has = (key: string) => given[key] !== undefined;

  if (has('name') && (typeof merged['name'] !== 'string' || merged['name'].trim().length < 1 || merged['name'].length > 100)) fail('name', 'must be 1–100 characters');
  if (has('channels')) {
    const channels = merged['channels'];
    if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => (CHANNELS as readonly unknown[]).includes(c)) || new Set(channels).size !== channels.length) {
      fail('channels', `must list one or more of ${CHANNELS.join(', ')}, each once`);
    }
  }
  for (const key of ['requiredSkills', 'secondarySkills'] as const) if (has(key)) checkSkills(merged[key], key, fail);
  if (has('language') && merged['language'] !== null && (typeof merged['language'] !== 'string' || !LANGUAGE.test(merged['language']))) fail('language', 'must be a language code such as "en", or null');
  if (has('teamIds') && !(Array.isArray(merged['teamIds']) && merged['teamIds'].every((id) => typeof id === 'string' && UUID.test(id)))) fail('teamIds', 'must be a list of team ids');
  if (has('priority') && !isInt(merged['priority'], 1, 4)) fail('priority', 'must be 1 (urgent) to 4 (low)');
  if (has('slaSeconds') && !isInt(merged['slaSeconds'], 1, 30 * DAY)) fail('slaSeconds', 'must be 1 second to 30 days');
  if (has('serviceLevelPercent') && !isInt(merged['serviceLevelPercent'], 1, 100)) fail('serviceLevelPercent', 'must be 1–100');
  for (const key of ['resolutionSeconds', 'nextResponseSeconds'] as const) {
    if (has(key) && merged[key] !== null && !isInt(merged[key], 1, 90 * DAY)) fail(key, 'must be 1 second to 90 days, or null (no target)');
  }
  if (has('ordering')) {
    const ordering = merged['ordering'];
    if (!isRecord(ordering)) fail('ordering', 'must be {priorityWeight, waitWeight, slaWeight}');
    else {
      for (const key of Object.keys(ordering)) if (!['priorityWeight', 'waitWeight', 'slaWeight'].includes(key)) fail(`ordering.${key}`, 'is not an ordering weight');
      for (const key of ['priorityWeight', 'slaWeight']) if (!isNumber(ordering[key], 0, 1000)) fail(`ordering.${key}`, 'must be a number from 0 to 1000');
      // A zero wait weight would let a low-priority ticket wait forever behind a stream of urgent ones.
      if (!isNumber(ordering['waitWeight'], 0.01, 1000)) fail('ordering.waitWeight', 'must be above zero (0.01–1000), so no ticket can starve');
    }
  }
  if (has('offerTimeouts')) {
    const timeouts = merged['offerTimeouts'];
    if (!isRecord(timeouts)) fail('offerTimeouts', 'must give seconds per channel');
    else {
      for (const key of Object.keys(timeouts)) if (!(CHANNELS as readonly string[]).includes(key)) fail(`offerTimeouts.${key}`, 'is not a channel');
      for (const channel of CHANNELS) if (!isInt(timeouts[channel], 5, 3600)) fail(`offerTimeouts.${channel}`, 'must be 5–3600 seconds');
    }
  }
  if (has('autoAcceptChannels')) {
    const channels = merged['autoAcceptChannels'];
    if (!Array.isArray(channels) || !channels.every((c) => c === 'email' || c === 'social')) fail('autoAcceptChannels', 'may hold email and social only (calls and chats need a person to accept)');
  }
  if (has('returnAfterSeconds') && merged['returnAfterSeconds'] !== null && !isInt(merged['returnAfterSeconds'], 60, 30 * DAY)) fail('returnAfterSeconds', 'must be 60 seconds to 30 days, or null');
  if (has('stickySeconds') && !isInt(merged['stickySeconds'], 0, DAY)) fail('stickySeconds', 'must be 0 to 86400 seconds');
  if (has('rejectCooldownSeconds') && !isInt(merged['rejectCooldownSeconds'], 0, DAY)) fail('rejectCooldownSeconds', 'must be 0 to 86400 seconds');
  if (has('overflow')) {
    const rings = merged['overflow'];
    if (!Array.isArray(rings) || rings.length > 10) fail('overflow', 'must be a list of at most 10 rings');
    else {
      rings.forEach((ring, i) => {
        if (!isRecord(ring)) return fail(`overflow[${i}]`, 'must be {afterSeconds, widen, teamIds?}');
        if (!isInt(ring['afterSeconds'], 1, 30 * DAY)) fail(`overflow[${i}].afterSeconds`, 'must be 1 second to 30 days');
        if (!(OVERFLOW_WIDENINGS as readonly unknown[]).includes(ring['widen'])) fail(`overflow[${i}].widen`, `must be one of ${OVERFLOW_WIDENINGS.join(', ')}`);
        if (ring['widen'] === OverflowWiden.Teams && !(Array.isArray(ring['teamIds']) && ring['teamIds'].length > 0 && ring['teamIds'].every((id) => typeof id === 'string' && UUID.test(id)))) fail(`overflow[${i}].teamIds`, 'must list the team ids this ring adds');
        for (const key of Object.keys(ring)) if (!['afterSeconds', 'widen', 'teamIds'].includes(key)) fail(`overflow[${i}].${key}`, 'is not a ring setting');
      });
    }
  }
  if (fields.length > 0) return { ok: false, fields };
  // A copy: the result never shares arrays or objects with the defaults, `base` or the input.
  const value = structuredClone(Object.fromEntries(['name', 'channels', ...Object.keys(DEFAULT_QUEUE_SETTINGS)].map((key) => [key, merged[key]]))) as unknown as QueueSettings;
  return { ok: true, value: { ...value, name: value.name.trim() } };
}

function checkSkills(value: unknown, field: string, fail: (field: string, message: string) => void): void {
  if (!Array.isArray(value) || value.length > 20) return fail(field, 'must be a list of at most 20 {skill, minProficiency}');
  const seen = new Set<string>();
  value.forEach((need: unknown, i) => {
    if (!isRecord(need) || typeof need['skill'] !== 'string' || !SKILL_KEY.test(need['skill'])) return fail(`${field}[${i}].skill`, 'must be a skill key');
    if (!isInt(need['minProficiency'], 1, 5)) fail(`${field}[${i}].minProficiency`, 'must be 1–5');
    if (seen.has(need['skill'])) fail(`${field}[${i}].skill`, 'is listed twice');
    seen.add(need['skill']);
    for (const key of Object.keys(need)) if (!['skill', 'minProficiency'].includes(key)) fail(`${field}[${i}].${key}`, 'is not a skill requirement field');
  });
}

/** Inbox routing from an admin: queue ids must be among the client's queues. */
export function parseInboxRouting(input: unknown, queueIds: ReadonlySet<string>): Parsed<InboxRouting> {
  const fields: FieldError[] = [];
  if (!isRecord(input)) return { ok: false, fields: [{ field: '', message: 'must be {defaultQueueId, rules}' }] };
  for (const key of Object.keys(input)) if (!['defaultQueueId', 'rules'].includes(key)) fields.push({ field: key, message: 'is not a routing setting' });
  const defaultQueueId = input['defaultQueueId'] ?? null;
  if (defaultQueueId !== null && !(typeof defaultQueueId === 'string' && queueIds.has(defaultQueueId))) fields.push({ field: 'defaultQueueId', message: 'must be one of this client’s queues, or null' });
  const rules = input['rules'] ?? [];
  if (!Array.isArray(rules) || rules.length > 50) fields.push({ field: 'rules', message: 'must be a list of at most 50 rules' });
  else {
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return fields.push({ field: `rules[${i}]`, message: 'must be {queueId, language?, keywords?, priority?}' });
      if (!(typeof rule['queueId'] === 'string' && queueIds.has(rule['queueId']))) fields.push({ field: `rules[${i}].queueId`, message: 'must be one of this client’s queues' });
      if (rule['language'] !== undefined && !(typeof rule['language'] === 'string' && LANGUAGE.test(rule['language']))) fields.push({ field: `rules[${i}].language`, message: 'must be a language code such as "es"' });
      const keywords = rule['keywords'];
      if (keywords !== undefined && !(Array.isArray(keywords) && keywords.length <= 50 && keywords.every((w) => typeof w === 'string' && w.trim().length > 0 && w.length <= 100))) fields.push({ field: `rules[${i}].keywords`, message: 'must be up to 50 words of 1–100 characters' });
      if (rule['priority'] !== undefined && !isInt(rule['priority'], 1, 4)) fields.push({ field: `rules[${i}].priority`, message: 'must be 1 (urgent) to 4 (low)' });
      for (const key of Object.keys(rule)) if (!['queueId', 'language', 'keywords', 'priority'].includes(key)) fields.push({ field: `rules[${i}].${key}`, message: 'is not a rule field' });
    });
  }
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, value: { defaultQueueId: defaultQueueId as string | null, rules: rules as InboxRouting['rules'] } };
}

export interface StaffedAgent {
  clientIds: readonly string[];
  teamIds: readonly string[];
  languages: readonly string[];
  skills: Readonly<Record<string, number>>;
  capacity: ChannelCapacity;
}

/**
 * Why no agent could ever serve this queue, or one of its channels — judged at its widest overflow
 * ring, ignoring who is available or on shift right now. Empty when, for every channel of the queue,
 * at least one agent matches everything.
 */
export function queueProblems(queue: QueueSettings, clientId: string, agents: readonly StaffedAgent[]): QueueProblem[] {
  const widest = requirementAt(queue, null, Number.POSITIVE_INFINITY);
  const serving = agents.filter((a) => a.clientIds.includes(clientId));
  if (serving.length === 0) return [{ code: 'no_agents', message: 'No agent serves this client.' }];
  const problems: QueueProblem[] = [];
  const takes = (a: StaffedAgent, channel: Channel) => Number.isFinite(channelWeight(a.capacity, channel));
  const hasSkills = (a: StaffedAgent) => bestSkillFit(a.skills, widest.skillSets) !== null;
  const speaks = (a: StaffedAgent) => !widest.language || a.languages.includes(widest.language);
  const inTeam = (a: StaffedAgent) => !widest.teamIds || widest.teamIds.some((team) => a.teamIds.includes(team));
  // A voice + chat queue whose calls nobody can take is broken for its callers even if chats flow.
  const untaken = queue.channels.filter((channel) => !serving.some((a) => takes(a, channel)));
  if (untaken.length > 0) problems.push({ code: 'no_channel_capacity', message: `No agent of this client has capacity for ${untaken.join(' or ')}.` });
  if (!serving.some(hasSkills)) problems.push({ code: 'no_skills', message: `No agent of this client holds ${describe(widest.skillSets)}.` });
  if (!serving.some(speaks)) problems.push({ code: 'no_language', message: `No agent of this client speaks "${widest.language}".` });
  if (!serving.some(inTeam)) problems.push({ code: 'no_team', message: 'No agent of this client is in the queue’s teams.' });
  const unmatched = queue.channels.filter((channel) => !serving.some((a) => takes(a, channel) && hasSkills(a) && speaks(a) && inTeam(a)));
  if (problems.length === 0 && unmatched.length > 0) {
    const which = unmatched.length === queue.channels.length ? '' : ` for ${unmatched.join(' or ')}`;
    problems.push({ code: 'no_agent_matches_all', message: `Some agents match each requirement, but none matches them all${which}.` });
  }
  return problems;
}

function describe(skillSets: SkillRequirement[][]): string {
  return skillSets.map((set) => set.map((need) => `${need.skill} at ${need.minProficiency}+`).join(' and ')).join(', or ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
function isNumber(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
