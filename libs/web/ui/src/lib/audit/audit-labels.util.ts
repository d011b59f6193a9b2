import type { AuditEntryView } from '@switchboard/shared-contracts';

/** The kinds of entry a reader filters by: an action prefix of `GET /api/audit?action=`. */
export const AUDIT_KINDS = [
  { action: 'auth.*', label: 'Sign-ins and passwords' },
  { action: 'pii.*', label: 'Personal data revealed' },
  { action: 'report.*', label: 'Exports and scheduled reports' },
  { action: 'ticket.*', label: 'Tickets reassigned' },
  { action: 'agent.*', label: 'Agents and their clients' },
  { action: 'client.*', label: 'Client settings' },
  { action: 'sla_contract.*', label: 'SLA contracts' },
  { action: 'scorecard.*', label: 'Scorecards' },
] as const;

const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in refused',
  'auth.logout': 'Signed out',
  'auth.refresh_reused': 'Stolen session token refused (all sessions ended)',
  'auth.password_changed': 'Changed their password',
  'auth.password_change_failed': 'Password change refused',
  'pii.revealed': 'Revealed personal data',
  'report.tickets_exported': 'Exported the tickets (CSV)',
  'report.kpis_exported': 'Exported the KPI report (CSV)',
  'report.statement_exported': 'Downloaded the monthly statement (PDF)',
  'report.schedule_created': 'Scheduled a report email',
  'report.schedule_deleted': 'Removed a scheduled report email',
  'report.schedule_sent': 'Sent a scheduled report email',
  'ticket.reassigned': 'Gave a ticket to another agent',
  'agent.created': 'Added an agent',
  'agent.updated': 'Changed an agent',
  'client.created': 'Added a client',
  'client.updated': 'Changed client settings',
  'sla_contract.version_added': 'Added an SLA contract version',
  'scorecard.created': 'Created a scorecard',
  'scorecard.versioned': 'Edited a scorecard (new version)',
  'scorecard.activated': 'Activated a scorecard',
  'qa.dispute_rules_changed': 'Changed the dispute rules',
};

/** A reader's name for an action ("Revealed personal data"); unknown actions as they are. */
export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const FIELD_NAMES: Record<string, string> = { email: 'email address', phone: 'phone number' };

/** One line on what an entry did, from its details (never more than a line). */
export function auditDetailSummary(entry: Pick<AuditEntryView, 'action' | 'details'>): string {
  const d = entry.details;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  if (entry.action === 'pii.revealed') return `The customer's ${FIELD_NAMES[text(d['field'])] ?? text(d['field'])}, because: “${text(d['reason'])}”`;
  if (entry.action === 'auth.login_failed' && d['reason']) return `Reason: ${text(d['reason'])}`;
  const simple = Object.entries(d).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value));
  const line = simple.map(([key, value]) => `${key}: ${String(value)}`).join(' · ');
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
