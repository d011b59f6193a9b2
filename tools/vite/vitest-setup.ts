import { afterAll } from 'vitest';

/**
 * PrimeVue components start timers when they mount (TabList measures its ink bar 150 ms later). A spec
 * file that ends sooner would tear the DOM down first, and the timer's `HTMLElement` lookup would throw
 * into the next file's run. Each file waits for such timers before its environment goes.
 */
const COMPONENT_MOUNT_TIMERS_MS = 200;

afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, COMPONENT_MOUNT_TIMERS_MS)));
