/**
 * What agents use at their desk, per client: canned responses (searched with `/` in the composer,
 * placeholders filled from the ticket) and the disposition codes a ticket is wrapped up with.
 */

/** Placeholders a canned response may use, written `{{contact.firstName}}`. */
export const CANNED_PLACEHOLDERS = ['contact.firstName', 'contact.name', 'agent.firstName', 'ticket.reference', 'client.name'] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

/** A shortcut is what the agent types after `/`: lowercase letters, digits, `-` and `_`. */
export const CANNED_SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const CANNED_TITLE_MAX = 100;
export const CANNED_BODY_MAX = 4_000;

export interface CannedResponseView {
  id: string;
  clientId: string;
  shortcut: string;
  title: string;
  body: string;
  updatedAt: string;
}

export interface CannedResponseRequest {
  shortcut: string;
  title: string;
  body: string;
}

/** A disposition code: `code` is stable (reports group by it), `label` is what agents read. */
export const DISPOSITION_CODE_PATTERN = /^[a-z0-9][a-z0-9_]{0,39}$/;
export const DISPOSITION_LABEL_MAX = 80;

export interface DispositionView {
  id: string;
  clientId: string;
  code: string;
  label: string;
  /** Retired codes stay on the tickets that carry them but cannot be chosen any more. */
  active: boolean;
}

export interface DispositionRequest {
  code: string;
  label: string;
  active?: boolean;
}

/**
 * A client's playbook: what an agent reads beside the conversation when a ticket of that client is
 * open (agents switch clients many times an hour). One per client, edited by admins; a client with
 * none yet reads as an empty playbook.
 */
export const PLAYBOOK_GREETING_MAX = 1_000;
export const PLAYBOOK_SCRIPT_MAX = 8_000;
/** Do's and don'ts: at most this many of each, each at most PLAYBOOK_ITEM_MAX characters. */
export const PLAYBOOK_ITEMS_MAX = 20;
export const PLAYBOOK_ITEM_MAX = 300;
export const PLAYBOOK_LINKS_MAX = 10;
export const PLAYBOOK_LINK_LABEL_MAX = 80;
export const PLAYBOOK_LINK_URL_MAX = 2_000;

/** A reference an agent opens in a new tab: an http(s) address only. */
export interface PlaybookLink {
  label: string;
  url: string;
}

export interface PlaybookView {
  clientId: string;
  /** What the agent opens with; may use the canned-response placeholders (`{{contact.firstName}}`, …). */
  greeting: string;
  /** How a conversation for this client goes, in the client's words (plain text, new lines kept). */
  script: string;
  dos: string[];
  donts: string[];
  links: PlaybookLink[];
  /** Null while the client has no playbook yet. */
  updatedAt: string | null;
  updatedByName: string | null;
}

/** `PUT /api/clients/:clientId/playbook`: the whole playbook (every field, nothing else). */
export interface PlaybookRequest {
  greeting: string;
  script: string;
  dos: string[];
  donts: string[];
  links: PlaybookLink[];
}

/** `PATCH /api/dispositions/:id`: a new label, or retiring (or restoring) the code; the code itself never changes. */
export interface DispositionChangeRequest {
  label?: string;
  active?: boolean;
}
