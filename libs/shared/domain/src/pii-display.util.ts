import type { PiiVisibility } from '@switchboard/shared-contracts';

/**
 * How a customer's email address or phone number appears to an agent, by the client's PII policy:
 * `full` as written, `partial` with most of it hidden, `hidden` not at all.
 */
export function displayEmail(email: string, visibility: PiiVisibility): string {
  if (visibility === 'full') return email;
  if (visibility === 'hidden') return '(hidden)';
  const at = email.lastIndexOf('@');
  if (at < 1) return '(hidden)';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${domain[0] ?? ''}***${tld}`;
}

export function displayPhone(phone: string, visibility: PiiVisibility): string {
  if (visibility === 'full') return phone;
  const digits = phone.replace(/\D/g, '');
  if (visibility === 'hidden' || digits.length < 7) return '(hidden)';
  return `•••• ${digits.slice(-4)}`;
}
