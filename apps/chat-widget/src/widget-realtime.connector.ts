import { watch } from 'vue';
import { Namespace, type CustomerClientEvents, type CustomerServerEvents } from '@switchboard/shared-contracts';
import { connectRealtime, type ConnectRealtimeOptions } from '@switchboard/web-realtime';
import { useConversationStore } from './conversation.store';
import { useCsatStore } from './csat.store';
import { useInboxStore, type CustomerConnection } from './inbox.store';
import { useTypingStore } from './typing.store';
import { readVisitorToken, saveVisitorToken } from './visitor-token.util';
import { useVisitorStore } from './visitor.store';

export type CustomerConnect = (options: ConnectRealtimeOptions) => CustomerConnection;

const connectCustomer: CustomerConnect = (options) => connectRealtime<CustomerServerEvents, CustomerClientEvents>(options);

/**
 * The one place where `/customer` events become store actions. On every (re)connection the server
 * sends the inbox's availability and `visitor.session` (the token and the conversation so far), so
 * nothing needs refetching after a drop; messages written meanwhile go out after that greeting.
 * Writes (messages, details, typing, ratings) are handed to the stores only from that greeting on.
 */
export function startWidgetRealtime(inboxKey: string, options: { url?: string; connect?: CustomerConnect } = {}): () => void {
  const inbox = useInboxStore();
  const conversation = useConversationStore();
  const visitor = useVisitorStore();
  const typing = useTypingStore();
  const csat = useCsatStore();
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
  const suspend = () => {
    conversation.suspend();
    visitor.suspend();
    typing.suspend();
    csat.suspend();
  };

  const stops = [
    connection.on('inbox.availability', (view) => inbox.apply(view)),
    connection.on('visitor.session', (session) => {
      visitorToken = session.visitorToken;
      saveVisitorToken(inboxKey, session.visitorToken);
      visitor.begin(session.profile, (profile) => connection.request('visitor.profile', profile));
      typing.begin((state) => connection.request('typing.set', state));
      csat.begin(session.csatPending, (rating) => connection.request('csat.submit', rating));
      conversation.begin(session, (request) => connection.request('message.send', request));
    }),
    connection.on('message.created', (message) => {
      conversation.receive(message);
      if (message.direction === 'outbound') typing.agentStopped(); // the reply is here: nobody is typing it any more
    }),
    // A message re-masked after the fact (a card number typed across two messages): replace it.
    connection.on('message.updated', (message) => conversation.receive(message)),
    connection.on('agent.typing', (event) => typing.agentTyping(event)),
    connection.on('ticket.status', (event) => csat.status(event)),
    // Synchronous, so nothing is sent into a connection that has just dropped.
    watch(
      connection.state,
      (state) => {
        if (state !== 'connected') suspend();
      },
      { flush: 'sync' },
    ),
  ];
  return () => {
    stops.forEach((stop) => stop());
    suspend();
    connection.close();
    inbox.attach(null);
  };
}
