/** One entry of the audit log as an admin (or a client admin, for their client) reads it. */
export interface AuditEntryView {
  id: string;
  at: string;
  action: string;
  /** Who did it: a name and role only (no email), or null for the system. */
  actor: { id: string; displayName: string; role: string } | null;
  clientId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** `POST /api/tickets/:ticketId/reveal`: one masked contact field, shown in full once, with a reason that the client sees. */
export interface RevealContactRequest {
  field: 'email' | 'phone';
  reason: string;
}

export interface RevealContactResponse {
  field: 'email' | 'phone';
  value: string;
}
