import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetailSummary } from './audit-labels.util';

describe('auditActionLabel', () => {
  it.each([
    ['pii.revealed', 'Revealed personal data'],
    ['auth.login', 'Signed in'],
    ['ticket.reassigned', 'Gave a ticket to another agent'],
    ['something.new', 'something.new'],
  ])('%s → %s', (action, label) => expect(auditActionLabel(action)).toBe(label));
});

describe('auditDetailSummary', () => {
  it.each([
    ['a reveal says which field and why', 'pii.revealed', { field: 'phone', reason: 'to call back about the claim', ticketId: 't1' }, "The customer's phone number, because: “to call back about the claim”"],
    ['a refused sign-in says why', 'auth.login_failed', { reason: 'locked' }, 'Reason: locked'],
    ['others list their simple details', 'client.updated', { name: 'Globex', nested: { a: 1 }, active: true }, 'name: Globex · active: true'],
    ['nothing to say', 'auth.login', {}, ''],
  ])('%s', (_why, action, details, expected) => expect(auditDetailSummary({ action, details })).toBe(expected));

  it('keeps to one line', () => {
    expect(auditDetailSummary({ action: 'x.y', details: { note: 'n'.repeat(500) } })).toHaveLength(140);
  });
});
