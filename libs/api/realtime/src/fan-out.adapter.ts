import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Adapter, MessageType, type BroadcastOptions, type ClusterAdapter } from 'socket.io-adapter';
import type { Namespace } from 'socket.io';

/** What the adapter needs to know about its Redis connection. */
export interface FanOutLink {
  /** The Redis client the adapter publishes with (node-redis 5; commands queue while it reconnects). */
  client: unknown;
  /** True while Redis answers; false while the client reconnects. */
  isUp(): boolean;
}

type Packet = Parameters<Adapter['broadcast']>[0];
type Publishing = { publishAndReturnOffset(message: { type: MessageType; data: unknown }): Promise<string> };

const encodeOptions = (opts: BroadcastOptions) => ({ rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags });

/**
 * The Socket.IO Redis Streams adapter, made to degrade instead of stall when Redis is down:
 *
 * - a broadcast reaches this node's sockets at once, then goes to the stream for the other nodes (the
 *   stock adapter delivers locally only after Redis acknowledged the publish, so an outage would hold
 *   every event of the node). While Redis is away the publish waits in the client's offline queue and
 *   reaches the other nodes when it returns.
 * - `fetchSockets` (is this agent still connected somewhere?) answers from this node alone while Redis is
 *   down, rather than waiting for a server count Redis cannot give.
 * - `disconnectSockets` (a revoked session) acts here at once and on the other nodes when Redis returns.
 */
export function resilientStreamsAdapter(link: FanOutLink, streamName: string) {
  const stock = createAdapter(quietPublishes(link.client) as Parameters<typeof createAdapter>[0], { streamName, maxLen: 100_000, blockTimeInMs: 2_000 });
  return function (nsp: Namespace): ClusterAdapter {
    const adapter = stock(nsp) as ClusterAdapter;
    const publish = (type: MessageType, data: unknown) => {
      (adapter as unknown as Publishing).publishAndReturnOffset({ type, data }).catch(() => undefined);
    };
    adapter.broadcast = async (packet: Packet, opts: BroadcastOptions) => {
      Adapter.prototype.broadcast.call(adapter, packet, opts);
      if (!opts.flags?.local) publish(MessageType.BROADCAST, { packet, opts: encodeOptions(opts) });
    };
    adapter.disconnectSockets = async (opts: BroadcastOptions, close: boolean) => {
      Adapter.prototype.disconnectSockets.call(adapter, opts, close);
      if (!opts.flags?.local) publish(MessageType.DISCONNECT_SOCKETS, { opts: encodeOptions(opts), close });
    };
    const clusterFetch = adapter.fetchSockets.bind(adapter);
    adapter.fetchSockets = (opts: BroadcastOptions) => (link.isUp() && !opts.flags?.local ? clusterFetch(opts) : Adapter.prototype.fetchSockets.call(adapter, opts));
    return adapter;
  };
}

/**
 * The stock adapter fires PUBLISH (requests to the other nodes) without awaiting it; a publish refused
 * while the client closes would be an unhandled rejection. This view of the client handles them (the
 * request then times out or answers from this node, see fetchSockets above).
 */
function quietPublishes(client: unknown): unknown {
  const target = client as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (property === 'publish' || property === 'sPublish') {
        return (...args: unknown[]) => {
          const sent = (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          sent.catch(() => undefined);
          return sent;
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}
