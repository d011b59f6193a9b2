import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** e.g. 127.0.0.1:41234 */
  host: string;
  port: number;
  /** Cuts every connection and stops listening: to its clients the target is gone. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Targets (host:port) new connections go to, tried in turn from the next one: a load balancer. */
  setTargets(targets: string[]): void;
}

/**
 * A loopback TCP proxy for tests: in front of Redis or PostgreSQL it lets a test take the service away
 * and bring it back without touching the machine's own; in front of API nodes it is a small load
 * balancer (round robin; a target that refuses is skipped).
 */
export async function startTcpProxy(targets: string[], port = 0): Promise<TcpProxy> {
  let list = [...targets];
  let next = 0;
  const open = new Set<Socket>();
  let server: Server | null = null;

  const pipeTo = (client: Socket, attempt: number) => {
    if (attempt >= list.length) return client.destroy();
    const [host, p] = list[(next + attempt) % list.length].split(':');
    const upstream = connect(Number(p), host);
    let linked = false;
    upstream.once('connect', () => {
      linked = true;
      next = (next + attempt + 1) % list.length;
      open.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => {
      if (!linked) pipeTo(client, attempt + 1);
      else client.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
  };

  const listen = (at: number) =>
    new Promise<number>((resolve, reject) => {
      const listening = createServer({ pauseOnConnect: true }, (client) => {
        open.add(client);
        client.on('close', () => open.delete(client));
        client.on('error', () => client.destroy());
        pipeTo(client, 0);
      });
      server = listening;
      listening.once('error', reject);
      listening.listen(at, '127.0.0.1', () => resolve((listening.address() as { port: number }).port));
    });

  const actualPort = await listen(port);
  return {
    host: '127.0.0.1',
    port: actualPort,
    setTargets(targetsNow) {
      list = [...targetsNow];
    },
    async stop() {
      const closing = server;
      server = null;
      for (const socket of open) socket.destroy();
      open.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async start() {
      if (!server) await listen(actualPort);
    },
  };
}
