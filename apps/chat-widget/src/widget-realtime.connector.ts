import { Namespace, type CustomerClientEvents, type CustomerServerEvents } from '@switchboard/shared-contracts';
import { connectRealtime, type ConnectRealtimeOptions } from '@switchboard/web-realtime';
import { useInboxStore, type CustomerConnection } from './inbox.store';

export type CustomerConnect = (options: ConnectRealtimeOptions) => CustomerConnection;

const connectCustomer: CustomerConnect = (options) => connectRealtime<CustomerServerEvents, CustomerClientEvents>(options);

/**
 * The one place where `/customer` events become store actions. The server sends the inbox's
 * availability on every (re)connection, so nothing needs refetching after a drop.
 */
export function startWidgetRealtime(inboxKey: string, options: { url?: string; connect?: CustomerConnect } = {}): () => void {
  const inbox = useInboxStore();
  const connect = options.connect ?? connectCustomer;
  const connection = connect({
    namespace: Namespace.Customer,
    url: options.url,
    auth: () => ({ inboxKey }),
    onRejected: (reason) => inbox.fail(reason),
  });
  inbox.attach(connection);
  const stop = connection.on('inbox.availability', (view) => inbox.apply(view));
  return () => {
    stop();
    connection.close();
    inbox.attach(null);
  };
}
