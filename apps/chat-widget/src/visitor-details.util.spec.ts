import { describe, expect, it } from 'vitest';
import { visitorProfileFixture } from '@switchboard/web-data-access';
import { formForRefusal, preChatForm, skippable, type DetailsForm } from './visitor-details.util';

const ann = visitorProfileFixture({ name: 'Ann', email: null });
const annWithEmail = visitorProfileFixture({ name: 'Ann', email: 'ann@example.com' });
const nobody = visitorProfileFixture();
const blankName = visitorProfileFixture({ name: '  ' });

describe('preChatForm', () => {
  const cases: [string, DetailsForm, typeof nobody, boolean, boolean][] = [
    ['nothing asked', { name: 'off', email: 'off' }, nobody, false, false],
    ['required detail missing', { name: 'required', email: 'off' }, nobody, false, true],
    ['required detail missing, even after skipping', { name: 'optional', email: 'required' }, ann, true, true],
    ['a blank answer is no answer', { name: 'required', email: 'off' }, blankName, false, true],
    ['required details given', { name: 'required', email: 'required' }, annWithEmail, false, false],
    ['required given, optional missing: no nagging', { name: 'required', email: 'optional' }, ann, false, false],
    ['optional only, nothing given yet', { name: 'optional', email: 'optional' }, nobody, false, true],
    ['optional only, skipped', { name: 'optional', email: 'optional' }, nobody, true, false],
    ['optional only, one given earlier', { name: 'optional', email: 'optional' }, ann, false, false],
  ];
  it.each(cases)('%s', (_case, preChat, profile, dismissed, shown) => {
    expect(preChatForm(preChat, profile, dismissed)).toEqual(shown ? preChat : null);
  });

  it('may be skipped only when nothing in it is required', () => {
    expect(skippable({ name: 'optional', email: 'off' })).toBe(true);
    expect(skippable({ name: 'optional', email: 'required' })).toBe(false);
  });
});

describe('formForRefusal', () => {
  const refusal = (...fields: string[]) => ({ code: 'VISITOR_DETAILS_REQUIRED' as const, message: 'Details needed.', fields: fields.map((field) => ({ field, message: `${field} needed` })) });

  it('makes the fields the server names required, keeping the inbox’s other settings', () => {
    expect(formForRefusal({ name: 'optional', email: 'off' }, refusal('email'))).toEqual({ name: 'optional', email: 'required' });
    expect(formForRefusal({ name: 'off', email: 'off' }, refusal('name', 'email'))).toEqual({ name: 'required', email: 'required' });
  });

  it('asks for an email when the server names no field it knows', () => {
    expect(formForRefusal({ name: 'required', email: 'off' }, { code: 'VISITOR_DETAILS_REQUIRED', message: 'Details needed.' })).toEqual({ name: 'required', email: 'required' });
    expect(formForRefusal({ name: 'off', email: 'off' }, refusal('phone'))).toEqual({ name: 'off', email: 'required' });
  });
});
