/**
 * Who may hold the database connections. Routing rounds (and the reads that announce them) run in
 * the `routing` lane, which always finds a connection: everything else (intake, sockets, HTTP,
 * workers) shares the `shared` lane, which is the pool less the connections kept for routing. So a
 * burst of intake queues behind itself, never in front of the round that offers its tickets.
 *
 * Waiters are served in arrival order; a waiter that does not get in within `waitMs` is refused
 * (the caller answers "busy, retry shortly" rather than holding a request for ever).
 */
export type Lane = 'shared' | 'routing';

/** Connections of the pool kept for the routing lane, when the pool is large enough to spare them. */
export const ROUTING_LANE_CONNECTIONS = 2;

export class LaneBusyError extends Error {
  constructor(
    readonly lane: Lane,
    readonly waitedMs: number,
  ) {
    super(`no database connection for the ${lane} lane within ${waitedMs} ms`);
    this.name = 'LaneBusyError';
  }
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

class Gate {
  private held = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly lane: Lane,
    readonly size: number,
    private readonly waitMs: number,
  ) {}

  get inUse(): number {
    return this.held;
  }

  get queued(): number {
    return this.waiting.length;
  }

  enter(): Promise<void> {
    if (this.held < this.size) {
      this.held += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          this.held += 1;
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(new LaneBusyError(this.lane, this.waitMs));
        }, this.waitMs),
      };
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    this.held -= 1;
    this.waiting.shift()?.admit();
  }
}

export class ConnectionLanes {
  private readonly gates: Record<Lane, Gate>;

  /** `poolSize`: connections of the pool; `waitMs`: how long a caller may wait for its turn. */
  constructor(poolSize: number, waitMs: number) {
    const kept = poolSize > ROUTING_LANE_CONNECTIONS * 2 ? ROUTING_LANE_CONNECTIONS : 0;
    // With a pool too small to split, both lanes share it (the routing lane is then not guaranteed a connection).
    this.gates = {
      shared: new Gate('shared', poolSize - kept, waitMs),
      routing: new Gate('routing', kept || poolSize, waitMs),
    };
  }

  /** Runs `work` once the lane has room; the room is given back however `work` ends. */
  async run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    const gate = this.gates[lane];
    await gate.enter();
    try {
      return await work();
    } finally {
      gate.leave();
    }
  }

  /** How many are inside and waiting, per lane (for metrics and tests). */
  usage(): Record<Lane, { size: number; inUse: number; queued: number }> {
    const of = (gate: Gate) => ({ size: gate.size, inUse: gate.inUse, queued: gate.queued });
    return { shared: of(this.gates.shared), routing: of(this.gates.routing) };
  }
}
