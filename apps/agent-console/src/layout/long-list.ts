/** From this many rows a table renders only the rows in view (PrimeVue's virtual scroller). */
export const VIRTUALISE_FROM = 200;

/**
 * DataTable props for a list that may grow long: short lists render whole (natural heights, the
 * page scrolls); long ones scroll inside a box of `height` and keep only the rows in view (and a few
 * around them) in the DOM, each `rowHeight` pixels tall.
 */
export function longListProps(count: number, rowHeight: number, height = '70vh') {
  return count >= VIRTUALISE_FROM ? { scrollHeight: height, virtualScrollerOptions: { itemSize: rowHeight, numToleratedItems: 10 } } : {};
}
