import { ConnectionLanes, LaneBusyError, ROUTING_LANE_CONNECTIONS } from './connection-lanes.util';

/** A piece of work that holds its lane until released. */
function held(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConnectionLanes', () => {
  it.each([
    [10, 8, 2],
    [5, 3, 2],
    [4, 4, 4],
    [1, 1, 1],
  ])('a pool of %i gives the shared lane %i and the routing lane %i', (pool, shared, routing) => {
    const usage = new ConnectionLanes(pool, 1_000).usage();
    expect([usage.shared.size, usage.routing.size]).toEqual([shared, routing]);
  });

  it('keeps connections for routing while the shared lane is full', async () => {
    const lanes = new ConnectionLanes(10, 1_000);
    const intake = Array.from({ length: 12 }, () => held());
    const running = intake.map((work) => lanes.run('shared', () => work.promise));
    await tick();
    expect(lanes.usage().shared).toEqual({ size: 8, inUse: 8, queued: 4 });

    const round = await lanes.run('routing', async () => 'offered');
    expect(round).toBe('offered');
    expect(lanes.usage().routing.inUse).toBe(0);

    intake.forEach((work) => work.release());
    await Promise.all(running);
    expect(lanes.usage().shared).toEqual({ size: 8, inUse: 0, queued: 0 });
  });

  it('lets waiters in in the order they came, whichever holder leaves first', async () => {
    const lanes = new ConnectionLanes(ROUTING_LANE_CONNECTIONS * 2 + 1, 1_000);
    const holders = Array.from({ length: lanes.usage().shared.size }, () => held());
    const holding = holders.map((work) => lanes.run('shared', () => work.promise));
    const order: number[] = [];
    const waiting = [1, 2, 3, 4].map((n) =>
      lanes.run('shared', async () => {
        order.push(n);
      }),
    );
    await tick();
    expect(order).toEqual([]);
    [...holders].reverse().forEach((work) => work.release());
    await Promise.all([...holding, ...waiting]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('refuses a waiter that does not get in within the wait, and frees the place of work that failed', async () => {
    jest.useFakeTimers();
    try {
      const lanes = new ConnectionLanes(1, 500);
      const busy = held();
      const holding = lanes.run('shared', () => busy.promise);
      const refused = lanes.run('shared', async () => 'never');
      jest.advanceTimersByTime(500);
      await expect(refused).rejects.toBeInstanceOf(LaneBusyError);
      expect(lanes.usage().shared.queued).toBe(0);
      busy.release();
      await holding;

      await expect(lanes.run('shared', () => Promise.reject(new Error('query failed')))).rejects.toThrow('query failed');
      expect(lanes.usage().shared.inUse).toBe(0);
      await expect(lanes.run('shared', async () => 'next')).resolves.toBe('next');
    } finally {
      jest.useRealTimers();
    }
  });
});
