import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createFakeConnection } from './fake-connection.util';
import { useRealtimeStore } from './realtime.store';

describe('useRealtimeStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps one live connection, closing the one it replaces', () => {
    const realtime = useRealtimeStore();
    const first = createFakeConnection('connected');
    const second = createFakeConnection('connected');

    realtime.attach(first);
    realtime.attach(first);
    expect(first.state.value).toBe('connected');

    realtime.attach(second);
    expect(realtime.connection).toBe(second);
    expect(first.state.value).toBe('offline');
    expect(second.state.value).toBe('connected');
  });

  it('closes and forgets the connection when detached', () => {
    const realtime = useRealtimeStore();
    const connection = createFakeConnection('connected');
    realtime.attach(connection);

    realtime.detach();

    expect(connection.state.value).toBe('offline');
    expect(realtime.connection).toBeNull();
  });
});
