/**
 * Small queries by role, accessible name, label and text, in the spirit of Testing Library, so
 * component tests read like what a person (or a screen reader) perceives.
 */
export type TextMatch = string | RegExp;

export interface RoleOptions {
  /** Accessible name: exact (whitespace-normalised) string or a RegExp. */
  name?: TextMatch;
}

export interface Queries {
  getByRole(role: string, options?: RoleOptions): HTMLElement;
  queryByRole(role: string, options?: RoleOptions): HTMLElement | null;
  getAllByRole(role: string, options?: RoleOptions): HTMLElement[];
  findByRole(role: string, options?: RoleOptions): Promise<HTMLElement>;
  getByText(text: TextMatch): HTMLElement;
  queryByText(text: TextMatch): HTMLElement | null;
  getAllByText(text: TextMatch): HTMLElement[];
  findByText(text: TextMatch): Promise<HTMLElement>;
  getByLabelText(text: TextMatch): HTMLElement;
}

const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const matches = (value: string, match: TextMatch) => (typeof match === 'string' ? normalize(value) === normalize(match) : match.test(normalize(value)));

function isHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    if (node instanceof HTMLElement && node.style.display === 'none') return true;
  }
  return false;
}

const INPUT_ROLES: Record<string, string> = {
  button: 'button',
  submit: 'button',
  reset: 'button',
  image: 'button',
  checkbox: 'checkbox',
  radio: 'radio',
  range: 'slider',
  number: 'spinbutton',
  search: 'searchbox',
  email: 'textbox',
  tel: 'textbox',
  text: 'textbox',
  url: 'textbox',
};

function implicitRole(element: Element): string | null {
  const tag = element.tagName.toLowerCase();
  switch (tag) {
    case 'button':
      return 'button';
    case 'a':
      return element.hasAttribute('href') ? 'link' : null;
    case 'input': {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      return INPUT_ROLES[type] ?? null;
    }
    case 'textarea':
      return 'textbox';
    case 'select':
      return 'combobox';
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    case 'ul':
    case 'ol':
      return 'list';
    case 'li':
      return 'listitem';
    case 'table':
      return 'table';
    case 'tr':
      return 'row';
    case 'td':
      return 'cell';
    case 'th':
      return 'columnheader';
    case 'thead':
    case 'tbody':
    case 'tfoot':
      return 'rowgroup';
    case 'nav':
      return 'navigation';
    case 'main':
      return 'main';
    case 'aside':
      return 'complementary';
    case 'header':
      return 'banner';
    case 'footer':
      return 'contentinfo';
    case 'dialog':
      return 'dialog';
    case 'form':
      return 'form';
    case 'section':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : null;
    case 'img':
      return 'img';
    case 'time':
      return 'time';
    case 'dt':
      return 'term';
    case 'dd':
      return 'definition';
    default:
      return null;
  }
}

function roleOf(element: Element): string | null {
  const explicit = element.getAttribute('role');
  return explicit ? explicit.split(/\s+/)[0] : implicitRole(element);
}

const NAME_FROM_CONTENT = new Set(['button', 'link', 'heading', 'row', 'cell', 'columnheader', 'listitem', 'option', 'tab', 'menuitem', 'checkbox', 'radio', 'switch', 'term', 'tooltip', 'status', 'alert']);

function visibleText(element: Element): string {
  let text = '';
  element.childNodes.forEach((child) => {
    if (child.nodeType === 3) text += child.textContent;
    else if (child instanceof Element && child.getAttribute('aria-hidden') !== 'true' && !['SCRIPT', 'STYLE'].includes(child.tagName)) {
      text += ` ${child.getAttribute('aria-label') ?? visibleText(child)} `;
    }
  });
  return normalize(text);
}

function labelText(element: Element): string {
  const document = element.ownerDocument;
  const texts: string[] = [];
  if (element.id) document.querySelectorAll(`label[for="${CSS.escape(element.id)}"]`).forEach((label) => texts.push(visibleText(label)));
  const wrapping = element.closest('label');
  if (wrapping) texts.push(visibleText(wrapping));
  return normalize(texts.join(' '));
}

/** A reasonable subset of the accessible name computation. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return normalize(
      labelledBy
        .split(/\s+/)
        .map((id) => element.ownerDocument.getElementById(id))
        .map((target) => (target ? visibleText(target) : ''))
        .join(' '),
    );
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel) return normalize(ariaLabel);
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)) {
    const label = labelText(element);
    if (label) return label;
  }
  const role = roleOf(element);
  if (role && NAME_FROM_CONTENT.has(role)) return visibleText(element);
  return normalize(element.getAttribute('title'));
}

function describeRoles(root: Element): string {
  const seen = [...root.querySelectorAll('*')]
    .filter((element) => roleOf(element) && !isHidden(element))
    .map((element) => `  ${roleOf(element)} "${accessibleName(element)}"`);
  return seen.slice(0, 60).join('\n');
}

async function waitFor<T>(find: () => T | null, describe: () => string, timeoutMs = 1500): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function queriesFor(root: Element): Queries {
  const allByRole = (role: string, options: RoleOptions = {}) =>
    [...root.querySelectorAll<HTMLElement>('*')].filter(
      (element) => roleOf(element) === role && !isHidden(element) && (options.name === undefined || matches(accessibleName(element), options.name)),
    );

  const allByText = (text: TextMatch) =>
    [...root.querySelectorAll<HTMLElement>('*')].filter((element) => {
      if (['SCRIPT', 'STYLE'].includes(element.tagName) || isHidden(element) || !matches(element.textContent ?? '', text)) return false;
      // The deepest element holding the text, not each of its ancestors.
      return ![...element.children].some((child) => matches(child.textContent ?? '', text));
    });

  const one = <T>(found: T[], what: string): T => {
    if (found.length === 1) return found[0];
    throw new Error(`${found.length === 0 ? 'No' : found.length} element(s) for ${what}.\nRoles present:\n${describeRoles(root)}`);
  };
  const roleWhat = (role: string, options: RoleOptions = {}) => `role "${role}"${options.name !== undefined ? ` named ${String(options.name)}` : ''}`;

  const queries: Queries = {
    getAllByRole: (role, options) => allByRole(role, options),
    getByRole: (role, options) => one(allByRole(role, options), roleWhat(role, options)),
    queryByRole: (role, options) => allByRole(role, options)[0] ?? null,
    findByRole: (role, options) =>
      waitFor(
        () => (allByRole(role, options).length === 1 ? allByRole(role, options)[0] : null),
        () => `Timed out waiting for ${roleWhat(role, options)}.\nRoles present:\n${describeRoles(root)}`,
      ),
    getAllByText: (text) => allByText(text),
    getByText: (text) => one(allByText(text), `text ${String(text)}`),
    queryByText: (text) => allByText(text)[0] ?? null,
    findByText: (text) =>
      waitFor(
        () => allByText(text)[0] ?? null,
        () => `Timed out waiting for text ${String(text)}. Text present:\n${normalize(root.textContent).slice(0, 1500)}`,
      ),
    getByLabelText: (text) =>
      one(
        [...root.querySelectorAll<HTMLElement>('input, select, textarea, [role]')].filter((element) => matches(accessibleName(element), text)),
        `label ${String(text)}`,
      ),
  };
  return queries;
}

/** Queries limited to one element, e.g. a board row. */
export const within = (element: Element): Queries => queriesFor(element);
