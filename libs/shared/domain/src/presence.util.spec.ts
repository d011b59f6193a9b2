import { checkPresenceRequest, countStaffing, isPresenceChange } from './presence.util';

describe('checkPresenceRequest', () => {
  it.each([
    ['available', undefined, { ok: true, change: { state: 'available', reason: null } }],
    ['offline', null, { ok: true, change: { state: 'offline', reason: null } }],
    ['away', 'lunch', { ok: true, change: { state: 'away', reason: 'lunch' } }],
    ['away', 'after_call_work', { ok: true, change: { state: 'away', reason: 'after_call_work' } }],
  ])('accepts %s / %s', (state, reason, expected) => {
    expect(checkPresenceRequest(state, reason)).toEqual(expected);
  });

  it.each([
    ['busy', undefined, 'state', 'state must be one of available, away, offline'],
    [42, undefined, 'state', 'state must be one of'],
    ['away', undefined, 'reason', 'away needs a reason'],
    ['away', 'disconnected', 'reason', 'away needs a reason'],
    ['away', 'napping', 'reason', 'away needs a reason'],
    ['available', 'lunch', 'reason', 'available takes no reason'],
  ])('refuses %s / %s', (state, reason, field, message) => {
    const result = checkPresenceRequest(state, reason);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.message).toContain(message);
    }
  });
});

describe('isPresenceChange', () => {
  it('is false for the same state and reason, true otherwise', () => {
    expect(isPresenceChange({ state: 'away', reason: 'lunch' }, { state: 'away', reason: 'lunch' })).toBe(false);
    expect(isPresenceChange({ state: 'away', reason: 'lunch' }, { state: 'away', reason: 'break' })).toBe(true);
    expect(isPresenceChange({ state: 'offline', reason: null }, { state: 'available', reason: null })).toBe(true);
  });
});

describe('countStaffing', () => {
  it('counts available, signed in and rostered agents', () => {
    expect(countStaffing(['available', 'away', 'offline', 'available'])).toEqual({ available: 2, signedIn: 3, rostered: 4 });
    expect(countStaffing([])).toEqual({ available: 0, signedIn: 0, rostered: 0 });
  });
});
