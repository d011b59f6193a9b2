import { isTwilioSignatureValid, twilioSignature } from './twilio-signature.util';

// The example from Twilio's "Validating requests" documentation.
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const DOCUMENTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('twilioSignature', () => {
  it('matches the signature of Twilio’s documented example', () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(DOCUMENTED);
  });

  it('sorts the parameters by name, whatever order they arrive in', () => {
    const shuffled = { To: PARAMS.To, Digits: PARAMS.Digits, CallSid: PARAMS.CallSid, From: PARAMS.From, Caller: PARAMS.Caller };
    expect(twilioSignature(TOKEN, URL, shuffled)).toBe(DOCUMENTED);
  });

  it('signs a repeated parameter once per value', () => {
    expect(twilioSignature(TOKEN, URL, { A: ['1', '2'] })).toBe(twilioSignature(TOKEN, `${URL}A1A2`, {}));
  });
});

describe('isTwilioSignatureValid', () => {
  it.each([
    ['the documented signature', true, DOCUMENTED],
    ['no header', false, undefined],
    ['an empty header', false, ''],
    ['a header sent twice', false, [DOCUMENTED, DOCUMENTED]],
    ['a signature of another length', false, 'abc'],
    ['a signature with one character changed', false, `1${DOCUMENTED.slice(1)}`],
  ])('%s → valid: %s', (_name, valid, signature) => {
    expect(isTwilioSignatureValid(TOKEN, URL, PARAMS, signature)).toBe(valid);
  });

  it('refuses a changed parameter, URL or token', () => {
    expect(isTwilioSignatureValid(TOKEN, URL, { ...PARAMS, Digits: '9999' }, DOCUMENTED)).toBe(false);
    expect(isTwilioSignatureValid(TOKEN, 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS, DOCUMENTED)).toBe(false);
    expect(isTwilioSignatureValid('54321', URL, PARAMS, DOCUMENTED)).toBe(false);
  });
});
