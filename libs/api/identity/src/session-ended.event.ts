/** Raised when a session is revoked (logout, refresh-token reuse, the user disabled by an admin): its sockets must close. */
export class SessionEndedEvent {
  static readonly eventName = 'session.ended';

  constructor(
    readonly sessionId: string,
    readonly userId: string,
    readonly reason: 'logout' | 'refresh_token_reuse' | 'user_disabled' | 'password_reset' | 'password_changed',
  ) {}
}
