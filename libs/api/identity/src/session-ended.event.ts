/** Raised when a session is revoked (logout, refresh-token reuse): its sockets must close. */
export class SessionEndedEvent {
  static readonly eventName = 'session.ended';

  constructor(
    readonly sessionId: string,
    readonly userId: string,
    readonly reason: 'logout' | 'refresh_token_reuse' | 'password_changed',
  ) {}
}
