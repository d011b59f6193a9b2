import type { SkillRequirement } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS } from './queue-config.util';
import { DEFAULT_CAPACITY, type Requirement, type RoutedQueue, type RoutingAgent, type WaitingTicket } from './routing.util';
import type { WeeklySchedule } from './shift-schedule.util';

/** Agents, tickets and queues for the routing specs: an able, available agent and a plain chat unless told otherwise. */

// Monday 23 Nov 2026, 14:00 UTC: 09:00 in Bogotá, 22:00 in Manila.
export const NOW = new Date('2026-11-23T14:00:00Z');
export const ago = (seconds: number, from = NOW) => new Date(from.getTime() - seconds * 1000);
export const later = (seconds: number, from = NOW) => new Date(from.getTime() + seconds * 1000);
export const ALL_DAY = [{ start: '00:00', end: '23:59' }];
export const ALWAYS: WeeklySchedule = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
export const NINE_TO_FIVE: WeeklySchedule = { mon: [{ start: '09:00', end: '17:00' }] };

export const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  name: id[0].toUpperCase() + id.slice(1),
  state: 'available',
  connected: true,
  timeZone: 'UTC',
  schedule: ALWAYS,
  clientIds: ['acme'],
  teamIds: [],
  languages: ['en'],
  skills: {},
  capacity: { ...DEFAULT_CAPACITY },
  occupancy: 0,
  recentOffers: 0,
  idleSince: ago(60),
  ...over,
});
export const ticket = (over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: 't1',
  clientId: 'acme',
  queueId: 'q1',
  channel: 'chat',
  language: 'en',
  priority: 3,
  queuedAt: NOW,
  slaDueAt: null,
  lastAgentId: null,
  transfer: null,
  declinedBy: new Set<string>(),
  ...over,
});
export const queue = (over: Partial<RoutedQueue> = {}): RoutedQueue => ({
  id: 'q1',
  name: 'Support',
  requiredSkills: DEFAULT_QUEUE_SETTINGS.requiredSkills,
  secondarySkills: DEFAULT_QUEUE_SETTINGS.secondarySkills,
  language: DEFAULT_QUEUE_SETTINGS.language,
  teamIds: DEFAULT_QUEUE_SETTINGS.teamIds,
  overflow: DEFAULT_QUEUE_SETTINGS.overflow,
  ordering: DEFAULT_QUEUE_SETTINGS.ordering,
  slaSeconds: DEFAULT_QUEUE_SETTINGS.slaSeconds,
  stickySeconds: 120,
  ...over,
});
export const need = (skill: string, minProficiency: number): SkillRequirement => ({ skill, minProficiency });
export const requirement = (over: Partial<Requirement> = {}): Requirement => ({ ring: 0, skillSets: [[]], language: null, teamIds: null, ...over });
/** A ticket that has waited `seconds` by NOW, with its answer target `slaSeconds` after it queued. */
export const waited = (seconds: number, over: Partial<WaitingTicket> = {}, slaSeconds = 60): WaitingTicket =>
  ticket({ queuedAt: ago(seconds), slaDueAt: later(slaSeconds, ago(seconds)), ...over });
export const reasons = (excluded: { reason: string }[]) => excluded.map((e) => e.reason);
