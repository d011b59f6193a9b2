import { onMounted, ref } from 'vue';
import type { FieldError } from '@switchboard/shared-contracts';
import { formErrorsFromFields, formErrorsOf, NO_ERRORS, type FormErrors } from '../desk-admin/form-errors.util';

/** A number field's text as a number; empty is NaN, so the rules call it missing rather than 0. */
export const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

export interface SettingsFormOptions<T> {
  read: () => Promise<T>;
  write: (settings: T) => Promise<T>;
  /** Puts settings (read or saved) into the form's fields. */
  take: (settings: T) => void;
  /** The API's own rules, run before anything is sent. */
  check: (settings: T) => FieldError[];
  /** What the admin reads when the settings cannot be read or saved. */
  failures: { read: string; save: string };
  /** The notice after a save. */
  saved: (settings: T) => string;
}

/**
 * A client's settings form in the QA admin (dispute rules, AutoQA settings): read on mount, checked with
 * the API's rules before saving (problems beside their fields, nothing sent), saved, and the saved
 * values put back; what the API refuses shows as it says it.
 */
export function useSettingsForm<T>(options: SettingsFormOptions<T>) {
  const state = ref<'loading' | 'ready' | 'error'>('loading');
  const errors = ref<FormErrors>(NO_ERRORS);
  const notice = ref<string | null>(null);
  const saving = ref(false);

  onMounted(async () => {
    try {
      options.take(await options.read());
      state.value = 'ready';
    } catch (cause) {
      errors.value = formErrorsOf(cause, options.failures.read);
      state.value = 'error';
    }
  });

  async function save(settings: T) {
    notice.value = null;
    const problems = options.check(settings);
    if (problems.length) {
      errors.value = formErrorsFromFields(problems);
      return;
    }
    saving.value = true;
    errors.value = NO_ERRORS;
    try {
      options.take(await options.write(settings));
      notice.value = options.saved(settings);
    } catch (cause) {
      errors.value = formErrorsOf(cause, options.failures.save);
    } finally {
      saving.value = false;
    }
  }
  const fieldError = (field: string) => errors.value.fields[field] ?? null;

  return { state, errors, notice, saving, save, fieldError };
}
