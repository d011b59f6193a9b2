import { createApp, nextTick, type App, type Component } from 'vue';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router';
import { installPrimeVue } from '../theme/primevue.util';
import { queriesFor, type Queries } from './dom-queries.util';

export interface RenderOptions {
  props?: Record<string, unknown>;
  /** Routes of the memory router; by default every path renders an empty page. */
  routes?: RouteRecordRaw[];
  /** Where the memory router starts. */
  route?: string;
  /** Extra app-level `provide`s. */
  provide?: Record<string | symbol, unknown>;
}

export interface RenderResult extends Queries {
  container: HTMLElement;
  router: Router;
  pinia: Pinia;
  /** Clicks like a person: a click event, then Vue and pending promises settle. */
  click(element: Element): Promise<void>;
  /** Replaces an input's value and fires `input`, as typing would. */
  type(element: Element, text: string): Promise<void>;
  /** Presses a key on an element (keydown + keyup). */
  press(element: Element, key: string): Promise<void>;
  /** Lets pending promises, timers of 0 ms and Vue updates run. */
  settle(): Promise<void>;
  unmount(): void;
}

const EmptyPage: Component = { render: () => null };
let mounted: { app: App; container: HTMLElement } | null = null;

export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  }
}

function unmountPrevious(): void {
  if (!mounted) return;
  mounted.app.unmount();
  mounted.container.remove();
  mounted = null;
}

/**
 * The one way component tests render: fresh Pinia, PrimeVue (no theme CSS), a memory router, the
 * component attached to `document.body` (so overlays count), and queries by role and text.
 * Rendering again unmounts the previous component.
 */
export async function renderComponent(component: Component, options: RenderOptions = {}): Promise<RenderResult> {
  unmountPrevious();
  const container = document.createElement('div');
  document.body.appendChild(container);

  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: options.routes ?? [{ path: '/:path(.*)*', component: EmptyPage }],
  });
  const app = createApp(component, options.props);
  app.use(pinia);
  app.use(router);
  installPrimeVue(app, { theme: false });
  Object.entries(options.provide ?? {}).forEach(([key, value]) => app.provide(key, value));
  Object.getOwnPropertySymbols(options.provide ?? {}).forEach((key) => app.provide(key, (options.provide ?? {})[key]));

  await router.push(options.route ?? '/');
  await router.isReady();
  app.mount(container);
  mounted = { app, container };
  await settle();

  return {
    ...queriesFor(document.body),
    container,
    router,
    pinia,
    async click(element) {
      (element as HTMLElement).click();
      await settle();
    },
    async type(element, text) {
      const input = element as HTMLInputElement;
      input.focus();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settle();
    },
    async press(element, key) {
      element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
      await settle();
    },
    settle,
    unmount: unmountPrevious,
  };
}
