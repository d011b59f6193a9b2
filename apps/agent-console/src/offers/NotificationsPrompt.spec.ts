import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderComponent } from '@switchboard/web-ui';
import NotificationsPrompt from './NotificationsPrompt.vue';

describe('NotificationsPrompt', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the browser only when the agent clicks, then steps aside', async () => {
    let permission: NotificationPermission = 'default';
    const requestPermission = vi.fn(async () => (permission = 'granted'));
    vi.stubGlobal(
      'Notification',
      class {
        static get permission() {
          return permission;
        }
        static requestPermission = requestPermission;
      },
    );
    const view = await renderComponent(NotificationsPrompt);
    expect(requestPermission).not.toHaveBeenCalled();

    await view.click(view.getByRole('button', { name: 'Turn on desktop notifications' }));

    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(view.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull();
  });

  it('says so when the browser blocks them', async () => {
    vi.stubGlobal('Notification', { permission: 'denied', requestPermission: vi.fn() });
    const view = await renderComponent(NotificationsPrompt);
    expect(view.getByText('Desktop notifications are blocked in this browser; offers still chime here.')).toBeTruthy();
  });
});
