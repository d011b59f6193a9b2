import { computed, nextTick, ref, watch, type Ref } from 'vue';

/** Lines moved into (and out of) the window at a time: one page of the history API. */
export const WINDOW_STEP = 100;
/** At most this many lines are in the DOM, however far back the agent has scrolled. */
export const WINDOW_MAX = 300;

/**
 * A sliding window over a long list of lines of variable height (chat bubbles, emails): only
 * `WINDOW_MAX` consecutive lines are rendered. Scrolling near the top slides it one step back
 * (paging older lines in from the server first, via `loadEarlier`, when the window already starts at
 * the first line held); near the bottom it slides one step forward. Lines leaving the window stay
 * held, so sliding back is instant. Each slide keeps the line the agent was reading where it was on
 * screen. While the window holds the latest line it follows new ones.
 */
export function useLineWindow<T extends { id: string }>(options: {
  lines: Ref<readonly T[]>;
  box: Ref<HTMLElement | null>;
  hasEarlier: Ref<boolean>;
  loadEarlier: () => Promise<void>;
  /** Changes when another conversation is shown: the window starts again at its latest lines. */
  resetKey: Ref<unknown>;
}) {
  const start = ref(0);
  const end = ref(0);
  let busy = false;

  function latest(length: number): void {
    end.value = length;
    start.value = Math.max(0, length - WINDOW_STEP);
  }
  latest(options.lines.value.length);

  // Synchronous, so the indices are right before anything renders: lines paged in at the front shift
  // the window by as many; lines appended are followed when the window held the last one.
  watch(
    options.lines,
    (now, before) => {
      if (!before?.length) return latest(now.length);
      let shift = 0;
      if (now[0]?.id !== before[0].id) {
        shift = now.findIndex((line) => line.id === before[0].id);
        if (shift < 0) return latest(now.length);
      }
      const heldLatest = end.value >= before.length;
      start.value += shift;
      end.value = heldLatest ? now.length : Math.min(now.length, end.value + shift);
      // Trimmed at the top only while the agent is at the bottom: lines must not move under someone reading.
      const box = options.box.value;
      const atBottom = !box || box.scrollHeight - box.scrollTop - box.clientHeight < 80;
      if (end.value - start.value > WINDOW_MAX && (atBottom || !heldLatest)) start.value = end.value - WINDOW_MAX;
    },
    { flush: 'sync' },
  );
  watch(options.resetKey, () => latest(options.lines.value.length), { flush: 'sync' });

  const shown = computed(() => options.lines.value.slice(start.value, end.value));
  const hasEarlierShown = computed(() => start.value > 0 || options.hasEarlier.value);
  const hasLaterShown = computed(() => end.value < options.lines.value.length);

  /** The first line in view and how far below the box's top it sits, to put it back there after a slide. */
  function anchor(): { id: string; offset: number } | null {
    const box = options.box.value;
    if (!box) return null;
    const top = box.getBoundingClientRect().top;
    for (const element of Array.from(box.children) as HTMLElement[]) {
      const rect = element.getBoundingClientRect();
      if (rect.bottom > top && element.dataset['lineId']) return { id: element.dataset['lineId'], offset: rect.top - top };
    }
    return null;
  }
  async function keepInPlace(held: { id: string; offset: number } | null): Promise<void> {
    await nextTick();
    const box = options.box.value;
    if (!box || !held) return;
    const element = Array.from(box.children).find((child) => (child as HTMLElement).dataset['lineId'] === held.id) as HTMLElement | undefined;
    if (element) box.scrollTop += element.getBoundingClientRect().top - box.getBoundingClientRect().top - held.offset;
  }

  /** One step back: older lines held, or the page before from the server. */
  async function earlier(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      if (start.value === 0 && options.hasEarlier.value) await options.loadEarlier();
      if (start.value === 0) return;
      const held = anchor();
      start.value = Math.max(0, start.value - WINDOW_STEP);
      end.value = Math.min(end.value, start.value + WINDOW_MAX);
      await keepInPlace(held);
    } finally {
      busy = false;
    }
  }

  /** One step forward, towards the latest line. */
  async function later(): Promise<void> {
    if (busy || !hasLaterShown.value) return;
    busy = true;
    try {
      const held = anchor();
      end.value = Math.min(options.lines.value.length, end.value + WINDOW_STEP);
      start.value = Math.max(start.value, end.value - WINDOW_MAX);
      await keepInPlace(held);
    } finally {
      busy = false;
    }
  }

  /** Straight to the latest lines, scrolled to the bottom. */
  async function toLatest(): Promise<void> {
    latest(options.lines.value.length);
    await nextTick();
    const box = options.box.value;
    if (box) box.scrollTop = box.scrollHeight;
  }

  /** The box's scroll handler: near an edge, slide that way. */
  function onScroll(): void {
    const box = options.box.value;
    if (!box) return;
    if (box.scrollTop <= 40) {
      if (hasEarlierShown.value) void earlier();
    } else if (hasLaterShown.value && box.scrollHeight - box.scrollTop - box.clientHeight <= 40) void later();
  }

  return { shown, start, end, hasEarlierShown, hasLaterShown, earlier, later, toLatest, onScroll };
}
