import { Namespace, type PortalClientEvents, type PortalServerEvents } from '@switchboard/shared-contracts';
import { endSession, getAccessToken, refreshSession } from '@switchboard/web-data-access';
import { connectRealtime, type ConnectRealtimeOptions } from '@switchboard/web-realtime';
import { useStaffingStore } from '../staffing/staffing.store';
import { useRealtimeStore, type PortalConnection } from './realtime.store';

export type PortalConnect = (options: ConnectRealtimeOptions) => PortalConnection;

const connectPortal: PortalConnect = (options) => connectRealtime<PortalServerEvents, PortalClientEvents>(options);

/** The one place where `/portal` socket events become store actions. Returns a stop function. */
export function startPortalRealtime(connect: PortalConnect = connectPortal): () => void {
  const staffing = useStaffingStore();
  const realtime = useRealtimeStore();

  const connection = connect({
    namespace: Namespace.Portal,
    auth: () => ({ token: getAccessToken() ?? '' }),
    refreshAuth: () => refreshSession().then(
      () => true,
      () => false,
    ),
    onRejected: (reason) => {
      if (reason.code.startsWith('AUTH_')) endSession(reason.message);
    },
  });
  realtime.attach(connection);

  const stops = [
    // The store checks the event is about this user's client before applying it.
    connection.on('client.staffing_changed', (event) => staffing.apply(event)),
    connection.onReconnect(() => void staffing.refresh()),
  ];

  return () => {
    stops.forEach((stop) => stop());
    realtime.detach();
  };
}
