import { watch } from 'vue';
import { Namespace, type CustomerClientEvents, type CustomerServerEvents } from '@switchboard/shared-contracts';
import { connectRealtime, type ConnectRealtimeOptions } from '@switchboard/web-realtime';
import { useConversationStore, type SendMessage } from './conversation.store';
import { useInboxStore, type CustomerConnection } from './inbox.store';
import { readVisitorToken, saveVisitorToken } from './visitor-token.util';

export type CustomerConnect = (options: ConnectRealtimeOptions) => CustomerConnection;

const connectCustomer: CustomerConnect = (options) => connectRealtime<CustomerServerEvents, CustomerClientEvents>(options);

/**
 * The one place where `/customer` events become store actions. On every (re)connection the server
 * sends the inbox's availability and `visitor.session` (the token and the conversation so far), so
 * nothing needs refetching after a drop; messages written meanwhile go out after that greeting.
 */
export function startWidgetRealtime(inboxKey: string, options: { url?: string; connect?: CustomerConnect } = {}): () => void {
  const inbox = useInboxStore();
  const conversation = useConversationStore();
  const connect = options.connect ?? connectCustomer;
  // Read once: a reconnect keeps the identity this page started with, even if another tab stores a different one.
  let visitorToken = readVisitorToken(inboxKey);

  const connection = connect({
    namespace: Namespace.Customer,
    url: options.url,
    auth: (): Record<string, string> => (visitorToken ? { inboxKey, visitorToken } : { inboxKey }),
    onRejected: (reason) => inbox.fail(reason),
  });
  inbox.attach(connection);
  const send: SendMessage = (request) => connection.request('message.send', request);

  const stops = [
    connection.on('inbox.availability', (view) => inbox.apply(view)),
    connection.on('visitor.session', (session) => {
      visitorToken = session.visitorToken;
      saveVisitorToken(inboxKey, session.visitorToken);
      conversation.begin(session, send);
    }),
    connection.on('message.created', (message) => conversation.receive(message)),
    // Synchronous, so nothing is sent into a connection that has just dropped.
    watch(
      connection.state,
      (state) => {
        if (state !== 'connected') conversation.suspend();
      },
      { flush: 'sync' },
    ),
  ];
  return () => {
    stops.forEach((stop) => stop());
    conversation.suspend();
    connection.close();
    inbox.attach(null);
  };
}
