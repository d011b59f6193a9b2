import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { ErrorCode } from '@switchboard/shared-contracts';
import { configureApi } from '@switchboard/web-data-access';
import styles from './widget.css?inline';
import WidgetApp from './WidgetApp.vue';
import { useInboxStore } from './inbox.store';
import { findWidgetScript, readWidgetConfig } from './widget-config.util';
import { startWidgetRealtime } from './widget-realtime.connector';

const HOST_ID = 'switchboard-chat-widget';

// `currentScript` only exists while this file first runs, so it is read right away.
const config = readWidgetConfig(findWidgetScript(document), window.location);

async function mount(): Promise<void> {
  if (document.getElementById(HOST_ID)) return; // Embedded twice: one widget is enough.

  const host = document.createElement('div');
  host.id = HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = styles;
  const root = document.createElement('div');
  shadow.append(style, root);
  document.body.appendChild(host);

  configureApi({ baseUrl: config.apiOrigin });
  const pinia = createPinia();
  createApp(WidgetApp).use(pinia).mount(root);

  const inbox = useInboxStore(pinia);
  if (!config.inboxKey) {
    inbox.fail({ code: ErrorCode.InboxUnknown, message: 'This chat is not set up yet: its script tag has no data-inbox key.' });
    return;
  }
  await inbox.load(config.inboxKey);
  if (!inbox.isUnknown) startWidgetRealtime(config.inboxKey, { url: config.apiOrigin });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => void mount(), { once: true });
} else {
  void mount();
}
