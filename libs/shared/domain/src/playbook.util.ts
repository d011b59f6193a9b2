import {
  PLAYBOOK_GREETING_MAX,
  PLAYBOOK_ITEM_MAX,
  PLAYBOOK_ITEMS_MAX,
  PLAYBOOK_LINK_LABEL_MAX,
  PLAYBOOK_LINK_URL_MAX,
  PLAYBOOK_LINKS_MAX,
  PLAYBOOK_SCRIPT_MAX,
  type FieldError,
  type PlaybookRequest,
} from '@switchboard/shared-contracts';
import { unknownPlaceholders } from './canned-response.util';

/**
 * What is wrong with a link's address, or null when an agent may open it: an absolute http(s)
 * address naming a host, with no spaces, no control characters and no user name or password (a
 * `https://northwind.com@elsewhere.example` address reads as one site and opens another).
 * `javascript:`, `data:`, `file:`, relative and protocol-relative addresses are all refused.
 */
export function linkUrlProblem(url: string): string | null {
  if (url.trim() === '') return 'must not be empty';
  if (url.length > PLAYBOOK_LINK_URL_MAX) return `must be at most ${PLAYBOOK_LINK_URL_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return 'must not contain spaces or control characters';
  if (!/^https?:\/\//i.test(url)) return 'must be a web address starting with http:// or https://';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid web address';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be a web address starting with http:// or https://';
  if (!parsed.hostname) return 'must name a web site';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  return null;
}

/** The playbook as it is kept: each text trimmed at its ends (new lines inside stay). */
export function tidyPlaybook(request: PlaybookRequest): PlaybookRequest {
  return {
    greeting: request.greeting.trim(),
    script: request.script.trim(),
    dos: request.dos.map((item) => item.trim()),
    donts: request.donts.map((item) => item.trim()),
    links: request.links.map((link) => ({ label: link.label.trim(), url: link.url.trim() })),
  };
}

/**
 * Everything wrong with a (tidied) playbook, as field errors with dotted paths (`links.2.url`), so
 * an editor can show each beside its field. Empty means it may be saved.
 */
export function playbookProblems(playbook: PlaybookRequest): FieldError[] {
  const problems: FieldError[] = [];
  const tooLong = (field: string, text: string, max: number) => text.length > max && problems.push({ field, message: `must be at most ${max} characters` });

  tooLong('greeting', playbook.greeting, PLAYBOOK_GREETING_MAX);
  const unknown = unknownPlaceholders(playbook.greeting);
  if (unknown.length) problems.push({ field: 'greeting', message: `uses placeholders Switchboard does not fill: ${unknown.map((name) => `{{${name}}}`).join(', ')}` });
  tooLong('script', playbook.script, PLAYBOOK_SCRIPT_MAX);

  for (const list of ['dos', 'donts'] as const) {
    const items = playbook[list];
    if (items.length > PLAYBOOK_ITEMS_MAX) problems.push({ field: list, message: `may hold at most ${PLAYBOOK_ITEMS_MAX} items` });
    items.forEach((item, index) => {
      if (item.trim() === '') problems.push({ field: `${list}.${index}`, message: 'must not be empty' });
      else tooLong(`${list}.${index}`, item, PLAYBOOK_ITEM_MAX);
    });
  }

  if (playbook.links.length > PLAYBOOK_LINKS_MAX) problems.push({ field: 'links', message: `may hold at most ${PLAYBOOK_LINKS_MAX} links` });
  playbook.links.forEach((link, index) => {
    if (link.label.trim() === '') problems.push({ field: `links.${index}.label`, message: 'must not be empty' });
    else tooLong(`links.${index}.label`, link.label, PLAYBOOK_LINK_LABEL_MAX);
    const problem = linkUrlProblem(link.url);
    if (problem) problems.push({ field: `links.${index}.url`, message: problem });
  });
  return problems;
}
