/** Where letters are typing, not commands: text fields and widgets that search as you type. */
export const TYPING_TARGETS =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="searchbox"], [role="combobox"], [role="listbox"], [role="menu"], [role="tree"]';

/** True when a key press belongs to what the person is typing into. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TYPING_TARGETS) !== null;
}

/** A plain key press a console shortcut may answer: no modifier but Shift, not repeated, not mid-composition. */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !(event.defaultPrevented || event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey);
}

export interface ShortcutGroup {
  title: string;
  shortcuts: { keys: string[]; what: string }[];
}

/** Every shortcut of the console, as the `?` dialog lists them (the handlers live beside what they act on). */
export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Anywhere (outside text fields)',
    shortcuts: [
      { keys: ['?'], what: 'Show these shortcuts' },
      { keys: ['A', 'Enter'], what: 'Accept the offer in focus, else the oldest' },
      { keys: ['R', 'Esc'], what: 'Reject the offer in focus, else the oldest' },
      { keys: ['J'], what: 'Open the next of my tickets' },
      { keys: ['K'], what: 'Open the previous of my tickets' },
      { keys: ['C'], what: 'Write in the open ticket' },
    ],
  },
  {
    title: 'In the composer',
    shortcuts: [
      { keys: ['Enter'], what: 'Send' },
      { keys: ['Shift', 'Enter'], what: 'New line' },
      { keys: ['/'], what: 'Canned responses of the ticket’s client (at the start of the message)' },
      { keys: ['↑', '↓'], what: 'Choose a canned response' },
      { keys: ['Enter', 'Tab'], what: 'Insert it' },
      { keys: ['Esc'], what: 'Close the list' },
    ],
  },
  {
    title: 'On a quality review',
    shortcuts: [
      { keys: ['Tab'], what: 'Next question (its answers, then its comment)' },
      { keys: ['←', '→'], what: 'Choose an answer of the question in focus' },
      { keys: ['Ctrl', 'S'], what: 'Save the draft (answers also save as they are chosen)' },
      { keys: ['Ctrl', 'Enter'], what: 'Submit the evaluation' },
    ],
  },
];
