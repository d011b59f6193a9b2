import type { AgentState, Channel, Role, StateReason, TicketStatus } from '@switchboard/shared-contracts';

const ROLE_LABELS: Record<Role, string> = {
  agent: 'Agent',
  team_lead: 'Team lead',
  admin: 'Admin',
  client_viewer: 'Client viewer',
  client_admin: 'Client admin',
};

const CHANNEL_LABELS: Record<Channel, string> = { voice: 'Voice', email: 'Email', chat: 'Chat', social: 'Social' };

const STATE_LABELS: Record<AgentState, string> = { available: 'Available', away: 'Away', offline: 'Offline' };

const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New',
  queued: 'Queued',
  assigned: 'Assigned',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
  abandoned: 'Abandoned',
};

const REASON_LABELS: Record<StateReason, string> = {
  break: 'Break',
  lunch: 'Lunch',
  training: 'Training',
  meeting: 'Meeting',
  after_call_work: 'After-call work',
  disconnected: 'Disconnected',
  not_responding: 'Not responding',
};

export const roleLabel = (role: Role): string => ROLE_LABELS[role] ?? role;
export const channelLabel = (channel: Channel): string => CHANNEL_LABELS[channel] ?? channel;
export const agentStateLabel = (state: AgentState): string => STATE_LABELS[state] ?? state;
export const ticketStatusLabel = (status: TicketStatus): string => TICKET_STATUS_LABELS[status] ?? status;
export const reasonLabel = (reason: StateReason | null): string => (reason ? (REASON_LABELS[reason] ?? reason) : '');

let languageNames: Intl.DisplayNames | null = null;
/** "en" → "English", "es-MX" → "Mexican Spanish"; the code itself when the runtime does not know it. */
export function languageLabel(code: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}
