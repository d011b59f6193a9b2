/**
 * Who someone is changed in the database: their user row (disabled, role, client), their client
 * assignments or teams, or one of their sessions (revoked). Raised on every API node from PostgreSQL
 * notifications, whichever node (or SQL console) made the change. `userId` null: the feed was
 * interrupted and changes may have been missed, so every connected user must be checked again.
 */
export class PrincipalChangedEvent {
  static readonly eventName = 'principal.changed';

  constructor(readonly userId: string | null) {}
}
