import type { MessageDirection } from '@switchboard/shared-contracts';

/** What the timings need of a timeline line. */
export interface TimedLine {
  id: string;
  direction: MessageDirection;
  createdAt: string;
}

export interface ConversationTimings {
  /** Line id → seconds the customer had been waiting when this reply went out (first reply after their message(s)). */
  waits: Map<string, number>;
  /** Seconds from the customer's first message to the first reply; null with no reply (or no customer message). */
  firstResponseSeconds: number | null;
  /** The longest of `waits`; null when no reply followed a customer message. */
  longestWaitSeconds: number | null;
  /** The mean of `waits`, rounded to a whole second; null as above. */
  meanWaitSeconds: number | null;
  /** Customer messages still without a reply at the end of the conversation. */
  unansweredAtEnd: number;
}

/**
 * How long the customer waited for each reply in a conversation, as a reviewer judges pace: a wait
 * starts at the first customer message after a reply (or at the first message) and ends at the next
 * reply; notes and system lines neither start nor end a wait. Lines are taken in the order given.
 */
export function conversationTimings(lines: readonly TimedLine[]): ConversationTimings {
  const waits = new Map<string, number>();
  let waitingSince: number | null = null;
  let pending = 0;
  let firstResponseSeconds: number | null = null;
  for (const line of lines) {
    const at = Date.parse(line.createdAt);
    if (line.direction === 'inbound') {
      if (waitingSince === null) waitingSince = at;
      pending += 1;
    } else if (line.direction === 'outbound' && waitingSince !== null) {
      const seconds = Math.max(0, Math.round((at - waitingSince) / 1000));
      waits.set(line.id, seconds);
      if (firstResponseSeconds === null) firstResponseSeconds = seconds;
      waitingSince = null;
      pending = 0;
    }
  }
  const all = [...waits.values()];
  return {
    waits,
    firstResponseSeconds,
    longestWaitSeconds: all.length ? Math.max(...all) : null,
    meanWaitSeconds: all.length ? Math.round(all.reduce((a, b) => a + b, 0) / all.length) : null,
    unansweredAtEnd: pending,
  };
}
