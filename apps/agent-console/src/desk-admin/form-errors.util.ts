import type { FieldError } from '@switchboard/shared-contracts';
import { ApiError } from '@switchboard/web-data-access';

/** What a form shows after a refused save: one line at the bottom, and each field's own message beside it. */
export interface FormErrors {
  message: string | null;
  /** By dotted field path as the API names it (`links.1.url`); several messages of one field are joined. */
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { message: null, fields: {} };

export function formErrorsFromFields(fields: readonly FieldError[]): FormErrors {
  const byField: Record<string, string> = {};
  for (const { field, message } of fields) byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  return { message: fields.length ? 'Nothing was saved: check the fields marked below.' : null, fields: byField };
}

export function formErrorsOf(error: unknown, fallback: string): FormErrors {
  if (error instanceof ApiError && error.fields.length) return formErrorsFromFields(error.fields);
  return { message: error instanceof Error && error.message ? error.message : fallback, fields: {} };
}
