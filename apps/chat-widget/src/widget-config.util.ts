/** What the embedding page told the widget, read from its own `<script>` tag. */
export interface WidgetConfig {
  /** `data-inbox`; null when the tag has none. */
  inboxKey: string | null;
  /** Where the API lives: the origin widget.js was loaded from (not the host page's). */
  apiOrigin: string;
}

/**
 * `data-inbox` names the inbox. `data-inbox-param="inbox"` lets the page's own query string
 * (`?inbox=KEY`) override it — the demo page uses that to try other inboxes.
 */
export function readWidgetConfig(script: HTMLScriptElement | null, location: Pick<Location, 'href' | 'origin' | 'search'>): WidgetConfig {
  const fromTag = script?.dataset['inbox']?.trim() || null;
  const param = script?.dataset['inboxParam'];
  const fromQuery = param ? new URLSearchParams(location.search).get(param)?.trim() || null : null;
  const src = script?.getAttribute('src');
  let apiOrigin = location.origin;
  if (src) {
    try {
      apiOrigin = new URL(src, location.href).origin;
    } catch {
      // A src that does not parse: keep the page's origin.
    }
  }
  return { inboxKey: fromQuery ?? fromTag, apiOrigin };
}

/** The widget's script tag: `currentScript` while it runs, else the first tag carrying `data-inbox`. */
export function findWidgetScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-inbox]');
}
