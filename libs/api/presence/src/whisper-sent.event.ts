import type { WhisperView } from '@switchboard/shared-contracts';

/** Raised after a whisper has committed. Only the realtime module turns it into an emit (to its agent). */
export class WhisperSentEvent {
  static readonly eventName = 'whisper.sent';

  constructor(readonly whisper: WhisperView) {}
}
