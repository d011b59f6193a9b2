import type { ErrorBody, VisitorProfile, WidgetInboxView } from '@switchboard/shared-contracts';

/** Which details a form asks for, and whether each one must be filled. */
export type DetailsForm = WidgetInboxView['preChat'];
export type DetailField = keyof DetailsForm;
export const DETAIL_FIELDS: readonly DetailField[] = ['name', 'email'];

export const NO_DETAILS: DetailsForm = { name: 'off', email: 'off' };

const given = (profile: VisitorProfile, field: DetailField) => Boolean(profile[field]?.trim());

/**
 * The pre-chat form that stands before the first message, or null when there is none to show:
 * a required detail is missing, or the form is all optional and the visitor has neither answered
 * nor skipped it (`dismissed`).
 */
export function preChatForm(preChat: DetailsForm, profile: VisitorProfile, dismissed: boolean): DetailsForm | null {
  const asked = DETAIL_FIELDS.filter((field) => preChat[field] !== 'off');
  if (!asked.length) return null;
  if (asked.some((field) => preChat[field] === 'required' && !given(profile, field))) return preChat;
  return dismissed || asked.some((field) => given(profile, field)) ? null : preChat;
}

/** Every field is optional: the visitor may skip the form. */
export const skippable = (form: DetailsForm) => DETAIL_FIELDS.every((field) => form[field] !== 'required');

/**
 * The form for a `VISITOR_DETAILS_REQUIRED` answer: the fields the server names become required.
 * When it names none, an email is what lets a team answer a visitor who has gone.
 */
export function formForRefusal(preChat: DetailsForm, refusal: ErrorBody): DetailsForm {
  const named = new Set<string>((refusal.fields ?? []).map((fieldError) => fieldError.field));
  if (!DETAIL_FIELDS.some((field) => named.has(field))) named.add('email');
  return { name: named.has('name') ? 'required' : preChat.name, email: named.has('email') ? 'required' : preChat.email };
}
