import { ref, type Ref } from 'vue';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../desk-admin/form-errors.util';

/**
 * The add-or-edit form of an admin list: which row is open (`'new'` for a new one), its draft, the save
 * under way, why the last save was refused and the notice after a good one. `submit` sends the draft
 * (`id` null for a new row); `onSaved` puts the saved row in the list and says what happened.
 */
export function useRowForm<Row extends { id: string }, Draft>(options: {
  draftOf: (row: Row | null) => Draft;
  submit: (draft: Draft, id: string | null) => Promise<Row>;
  onSaved: (saved: Row, isNew: boolean) => string | Promise<string>;
  /** Said when a save fails without a reason of its own. */
  refusal: string;
}) {
  const editing = ref<string | null>(null);
  const draft = ref(options.draftOf(null)) as Ref<Draft>;
  const errors = ref<FormErrors>(NO_ERRORS);
  const saving = ref(false);
  const notice = ref<string | null>(null);

  function edit(row: Row | null): void {
    editing.value = row?.id ?? 'new';
    draft.value = options.draftOf(row);
    errors.value = NO_ERRORS;
    notice.value = null;
  }

  async function save(): Promise<void> {
    saving.value = true;
    errors.value = NO_ERRORS;
    try {
      const isNew = editing.value === 'new';
      const saved = await options.submit(draft.value, isNew ? null : editing.value);
      notice.value = await options.onSaved(saved, isNew);
      editing.value = null;
    } catch (cause) {
      errors.value = formErrorsOf(cause, options.refusal);
    } finally {
      saving.value = false;
    }
  }

  /** The messages of a field and of the fields inside it (`hours` shows `hours.mon`'s), joined. */
  function fieldError(field: string): string | null {
    const messages = Object.entries(errors.value.fields)
      .filter(([name]) => name === field || name.startsWith(`${field}.`))
      .map(([, message]) => message);
    return messages.length ? messages.join('; ') : null;
  }

  return { editing, draft, errors, saving, notice, edit, save, fieldError };
}
