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
