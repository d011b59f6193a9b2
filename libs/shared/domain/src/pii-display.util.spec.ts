import { displayEmail, displayPhone } from './pii-display.util';

describe('displayEmail', () => {
  it.each([
    ['maria.lopez@example.com', 'full', 'maria.lopez@example.com'],
    ['maria.lopez@example.com', 'partial', 'm***@e***.com'],
    ['maria.lopez@example.com', 'hidden', '(hidden)'],
    ['not-an-email', 'partial', '(hidden)'],
  ] as const)('%s (%s) → %s', (email, visibility, shown) => expect(displayEmail(email, visibility)).toBe(shown));
});

describe('displayPhone', () => {
  it.each([
    ['+1 (800) 555-0142', 'full', '+1 (800) 555-0142'],
    ['+1 (800) 555-0142', 'partial', '•••• 0142'],
    ['+1 (800) 555-0142', 'hidden', '(hidden)'],
    ['12345', 'partial', '(hidden)'],
  ] as const)('%s (%s) → %s', (phone, visibility, shown) => expect(displayPhone(phone, visibility)).toBe(shown));
});
