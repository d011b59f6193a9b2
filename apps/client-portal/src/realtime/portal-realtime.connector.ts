import { Namespace, REPORT_LIVE_EVENT, type PortalClientEvents, type PortalServerEvents } from '@switchboard/shared-contracts';
import { sessionSocketAuth } from '@switchboard/web-data-access';
import { connectRealtime, useRealtimeStore, type ConnectRealtimeOptions, type RealtimeConnection } from '@switchboard/web-realtime';
import { useLiveReportStore } from '../live/live-report.store';
import { useStaffingStore } from '../staffing/staffing.store';

export type PortalConnection = RealtimeConnection<PortalServerEvents, PortalClientEvents>;

declare module '@switchboard/web-realtime' {
  interface RealtimeRegister {
    /** The portal's one live connection is to `/portal`. */
    connection: PortalConnection;
  }
}

export type PortalConnect = (options: ConnectRealtimeOptions) => PortalConnection;

const connectPortal: PortalConnect = (options) => connectRealtime<PortalServerEvents, PortalClientEvents>(options);

/** The one place where `/portal` socket events become store actions. Returns a stop function. */
export function startPortalRealtime(connect: PortalConnect = connectPortal): () => void {
  const staffing = useStaffingStore();
  const live = useLiveReportStore();
  const realtime = useRealtimeStore();

  const connection = connect({ namespace: Namespace.Portal, ...sessionSocketAuth });
  realtime.attach(connection);

  const stops = [
    // Each store checks the event is about the client it shows before applying it.
    connection.on('client.staffing_changed', (event) => {
      staffing.apply(event);
      live.applyStaffing(event);
    }),
    connection.on(REPORT_LIVE_EVENT, (event) => live.apply(event)),
    connection.onReconnect(() => {
      void staffing.refresh();
      void live.refresh();
    }),
  ];

  return () => {
    stops.forEach((stop) => stop());
    realtime.detach();
  };
}
