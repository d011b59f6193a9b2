import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderComponent } from '../testing/render-component.util';
import ElapsedTime from './ElapsedTime.vue';

describe('ElapsedTime', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:30.000Z'));
    const view = await renderComponent(ElapsedTime, { props: { since: '2025-01-01T10:00:00.000Z' } });
    expect(view.getByText('30s')).toBeTruthy();

    vi.advanceTimersByTime(35_000);
    await view.settle();
    expect(view.getByText('1m 05s')).toBeTruthy();
  });
});
