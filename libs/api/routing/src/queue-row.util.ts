import type { QueueSettings } from '@switchboard/shared-contracts';

/** The queue's settings columns, in the order of `queueSettingsParams` (from $2; $1 is the client or queue id). */
const SETTINGS_COLUMNS = [
  'name',
  'channels',
  'required_skills',
  'secondary_skills',
  'language',
  'team_ids',
  'priority',
  'sla_seconds',
  'service_level_percent',
  'ordering',
  'offer_timeouts',
  'auto_accept_channels',
  'return_after_seconds',
  'sticky_seconds',
  'overflow',
  'reject_cooldown_seconds',
  'resolution_seconds',
  'next_response_seconds',
] as const;

/** Inserts a queue: `[clientId, ...queueSettingsParams(settings)]`, returns its id. The API and the demo seed both use it. */
export const INSERT_QUEUE_SQL = `INSERT INTO queues (client_id, ${SETTINGS_COLUMNS.join(', ')})
  VALUES (${['$1', ...SETTINGS_COLUMNS.map((_, i) => `$${i + 2}`)].join(', ')}) RETURNING id`;

/** Replaces a queue's settings: `[queueId, ...queueSettingsParams(settings)]`. */
export const UPDATE_QUEUE_SQL = `UPDATE queues SET ${SETTINGS_COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`;

/** The settings as query parameters, in the order of the columns above. */
export function queueSettingsParams(s: QueueSettings): unknown[] {
  const params: Record<(typeof SETTINGS_COLUMNS)[number], unknown> = {
    name: s.name,
    channels: s.channels,
    required_skills: JSON.stringify(s.requiredSkills),
    secondary_skills: JSON.stringify(s.secondarySkills),
    language: s.language,
    team_ids: s.teamIds,
    priority: s.priority,
    sla_seconds: s.slaSeconds,
    service_level_percent: s.serviceLevelPercent,
    ordering: s.ordering,
    offer_timeouts: s.offerTimeouts,
    auto_accept_channels: s.autoAcceptChannels,
    return_after_seconds: s.returnAfterSeconds,
    sticky_seconds: s.stickySeconds,
    overflow: JSON.stringify(s.overflow),
    reject_cooldown_seconds: s.rejectCooldownSeconds,
    resolution_seconds: s.resolutionSeconds,
    next_response_seconds: s.nextResponseSeconds,
  };
  return SETTINGS_COLUMNS.map((column) => params[column]);
}
