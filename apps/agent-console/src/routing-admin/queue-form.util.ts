import { CHANNELS, OverflowWiden, type Channel, type QueueSettings, type QueueView, type SkillRequirement } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS } from '@switchboard/shared-domain';

/**
 * The queue form as typed: numbers stay text until saving, so a refused value is still in its box
 * when the API's error appears beside it. The API is the one judge of what is valid.
 */
export interface SkillDraft {
  skill: string;
  minProficiency: string;
}
export interface RingDraft {
  afterSeconds: string;
  widen: OverflowWiden;
  teamIds: string[];
}
export interface QueueDraft {
  name: string;
  channels: Channel[];
  priority: number;
  requiredSkills: SkillDraft[];
  secondarySkills: SkillDraft[];
  language: string;
  teamIds: string[];
  slaSeconds: string;
  serviceLevelPercent: string;
  resolutionSeconds: string;
  nextResponseSeconds: string;
  priorityWeight: string;
  waitWeight: string;
  slaWeight: string;
  offerTimeouts: Record<Channel, string>;
  autoAcceptChannels: Channel[];
  returnAfterSeconds: string;
  stickySeconds: string;
  rejectCooldownSeconds: string;
  overflow: RingDraft[];
}

export const SETTING_KEYS = ['name', 'channels', ...Object.keys(DEFAULT_QUEUE_SETTINGS)] as (keyof QueueSettings)[];

const text = (value: number | null) => (value === null ? '' : String(value));
const skillDrafts = (needs: readonly SkillRequirement[]) => needs.map((need) => ({ skill: need.skill, minProficiency: String(need.minProficiency) }));

/** The form for a queue, or for a new one (the API's defaults, no channel yet). */
export function draftOf(queue: QueueSettings | null): QueueDraft {
  const s: QueueSettings = queue ?? { ...structuredClone(DEFAULT_QUEUE_SETTINGS), name: '', channels: [] };
  return {
    name: s.name,
    channels: [...s.channels],
    priority: s.priority,
    requiredSkills: skillDrafts(s.requiredSkills),
    secondarySkills: skillDrafts(s.secondarySkills),
    language: s.language ?? '',
    teamIds: [...s.teamIds],
    slaSeconds: text(s.slaSeconds),
    serviceLevelPercent: text(s.serviceLevelPercent),
    resolutionSeconds: text(s.resolutionSeconds),
    nextResponseSeconds: text(s.nextResponseSeconds),
    priorityWeight: text(s.ordering.priorityWeight),
    waitWeight: text(s.ordering.waitWeight),
    slaWeight: text(s.ordering.slaWeight),
    offerTimeouts: Object.fromEntries(CHANNELS.map((channel) => [channel, text(s.offerTimeouts[channel])])) as Record<Channel, string>,
    autoAcceptChannels: [...s.autoAcceptChannels],
    returnAfterSeconds: text(s.returnAfterSeconds),
    stickySeconds: text(s.stickySeconds),
    rejectCooldownSeconds: text(s.rejectCooldownSeconds),
    overflow: s.overflow.map((ring) => ({ afterSeconds: String(ring.afterSeconds), widen: ring.widen, teamIds: [...(ring.teamIds ?? [])] })),
  };
}

/**
 * A typed number as the API takes it. An empty or unreadable box is sent as `null`, which the API
 * refuses beside that field ("must be 5–3600 seconds") — the form does not second-guess its rules.
 */
const numberOf = (value: string): number => {
  const trimmed = value.trim();
  const parsed = trimmed === '' ? Number.NaN : Number(trimmed);
  return (Number.isFinite(parsed) ? parsed : null) as number;
};

/** Every setting of the form, as the API's create takes it. Empty rows are sent too, so an error's index matches its row. */
export function settingsOf(draft: QueueDraft): QueueSettings {
  return {
    name: draft.name.trim(),
    channels: CHANNELS.filter((channel) => draft.channels.includes(channel)),
    requiredSkills: draft.requiredSkills.map((need) => ({ skill: need.skill.trim(), minProficiency: numberOf(need.minProficiency) })),
    secondarySkills: draft.secondarySkills.map((need) => ({ skill: need.skill.trim(), minProficiency: numberOf(need.minProficiency) })),
    language: draft.language.trim() === '' ? null : draft.language.trim(),
    teamIds: [...draft.teamIds],
    priority: draft.priority,
    slaSeconds: numberOf(draft.slaSeconds),
    serviceLevelPercent: numberOf(draft.serviceLevelPercent),
    resolutionSeconds: draft.resolutionSeconds.trim() === '' ? null : numberOf(draft.resolutionSeconds),
    nextResponseSeconds: draft.nextResponseSeconds.trim() === '' ? null : numberOf(draft.nextResponseSeconds),
    ordering: { priorityWeight: numberOf(draft.priorityWeight), waitWeight: numberOf(draft.waitWeight), slaWeight: numberOf(draft.slaWeight) },
    offerTimeouts: Object.fromEntries(CHANNELS.map((channel) => [channel, numberOf(draft.offerTimeouts[channel])])) as Record<Channel, number>,
    autoAcceptChannels: CHANNELS.filter((channel) => draft.autoAcceptChannels.includes(channel)),
    returnAfterSeconds: draft.returnAfterSeconds.trim() === '' ? null : numberOf(draft.returnAfterSeconds),
    stickySeconds: numberOf(draft.stickySeconds),
    overflow: draft.overflow.map((ring) => ({
      afterSeconds: numberOf(ring.afterSeconds),
      widen: ring.widen,
      ...(ring.widen === OverflowWiden.Teams ? { teamIds: [...ring.teamIds] } : {}),
    })),
    rejectCooldownSeconds: numberOf(draft.rejectCooldownSeconds),
  };
}

/** Only the settings the admin changed: what `PATCH` sends (and the audit log records as changed). */
export function changedSettings(queue: QueueView, draft: QueueDraft): Partial<QueueSettings> {
  const wanted = settingsOf(draft);
  const change: Partial<Record<keyof QueueSettings, unknown>> = {};
  for (const key of SETTING_KEYS) if (JSON.stringify(wanted[key]) !== JSON.stringify(queue[key])) change[key] = wanted[key];
  return change as Partial<QueueSettings>;
}

/** The fields the form shows an error beside; the API's errors for any other field are listed under the form. */
export function placedFields(draft: QueueDraft): Set<string> {
  const fields = ['name', 'channels', 'priority', 'requiredSkills', 'secondarySkills', 'language', 'teamIds', 'slaSeconds', 'serviceLevelPercent', 'resolutionSeconds', 'nextResponseSeconds', 'ordering', 'offerTimeouts', 'autoAcceptChannels', 'returnAfterSeconds', 'stickySeconds', 'rejectCooldownSeconds', 'overflow'];
  for (const key of ['priorityWeight', 'waitWeight', 'slaWeight']) fields.push(`ordering.${key}`);
  for (const channel of CHANNELS) fields.push(`offerTimeouts.${channel}`);
  for (const list of ['requiredSkills', 'secondarySkills'] as const) draft[list].forEach((_, i) => fields.push(`${list}[${i}].skill`, `${list}[${i}].minProficiency`));
  draft.overflow.forEach((_, i) => fields.push(`overflow[${i}]`, `overflow[${i}].afterSeconds`, `overflow[${i}].widen`, `overflow[${i}].teamIds`));
  return new Set(fields);
}

export const PRIORITY_OPTIONS = [
  { value: 1, label: '1 — urgent' },
  { value: 2, label: '2 — high' },
  { value: 3, label: '3 — normal' },
  { value: 4, label: '4 — low' },
];

export const WIDEN_OPTIONS: { value: OverflowWiden; label: string }[] = [
  { value: OverflowWiden.SecondarySkills, label: 'Accept the secondary skills' },
  { value: OverflowWiden.AnyLanguage, label: 'Drop the language' },
  { value: OverflowWiden.Teams, label: 'Add teams' },
];

/** "60 s", "5 min", "2 h" — how the list shows a time in seconds. */
export function secondsLabel(seconds: number): string {
  if (seconds < 120 || seconds % 60 !== 0) return `${seconds} s`;
  if (seconds < 7200 || seconds % 3600 !== 0) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}
