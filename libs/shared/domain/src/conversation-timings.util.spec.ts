import type { MessageDirection } from '@switchboard/shared-contracts';
import { conversationTimings } from './conversation-timings.util';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
/** `[direction, seconds after T0]` → lines `l0, l1, …`. */
const lines = (spec: [MessageDirection, number][]) => spec.map(([direction, s], i) => ({ id: `l${i}`, direction, createdAt: new Date(T0 + s * 1000).toISOString() }));

describe('conversationTimings', () => {
  it.each<[string, [MessageDirection, number][], Record<string, number>, number | null, number | null, number | null, number]>([
    ['nothing', [], {}, null, null, null, 0],
    ['a customer message never answered', [['inbound', 0]], {}, null, null, null, 1],
    ['one question, one reply', [['inbound', 0], ['outbound', 45]], { l1: 45 }, 45, 45, 45, 0],
    ['the wait starts at the first of several customer messages', [['inbound', 0], ['inbound', 30], ['outbound', 90]], { l2: 90 }, 90, 90, 90, 0],
    ['a second reply in a row is no answer to a wait', [['inbound', 0], ['outbound', 20], ['outbound', 40]], { l1: 20 }, 20, 20, 20, 0],
    ['notes and system lines neither start nor end a wait', [['system', 0], ['inbound', 10], ['note', 50], ['outbound', 70]], { l3: 60 }, 60, 60, 60, 0],
    ['an agent who opens the conversation starts no wait', [['outbound', 0], ['inbound', 100], ['outbound', 130]], { l2: 30 }, 30, 30, 30, 0],
    [
      'several exchanges: first, longest and mean (rounded)',
      [['inbound', 0], ['outbound', 10], ['inbound', 20], ['outbound', 141], ['inbound', 200], ['outbound', 201], ['inbound', 300]],
      { l1: 10, l3: 121, l5: 1 },
      10,
      121,
      44,
      1,
    ],
  ])('%s', (_name, spec, waits, first, longest, mean, unanswered) => {
    const result = conversationTimings(lines(spec));
    expect(Object.fromEntries(result.waits)).toEqual(waits);
    expect([result.firstResponseSeconds, result.longestWaitSeconds, result.meanWaitSeconds, result.unansweredAtEnd]).toEqual([first, longest, mean, unanswered]);
  });
});
