import { callUpdateOutboxPayload, callUpdateRequest } from './twilio-api.util';

const credentials = { apiUrl: 'https://api.twilio.com/', accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'token-token-token' };

describe('callUpdateRequest', () => {
  it('posts new TwiML form-encoded to the call, with Basic auth', () => {
    const request = callUpdateRequest(credentials, 'CAabc', { Twiml: '<Response><Dial><Client>agent_1</Client></Dial></Response>' });
    expect(request).toEqual({
      method: 'POST',
      url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CAabc.json',
      headers: {
        authorization: `Basic ${Buffer.from('AC0123456789abcdef0123456789abcdef:token-token-token').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'Twiml=%3CResponse%3E%3CDial%3E%3CClient%3Eagent_1%3C%2FClient%3E%3C%2FDial%3E%3C%2FResponse%3E',
    });
    expect(new URLSearchParams(request.body).get('Twiml')).toBe('<Response><Dial><Client>agent_1</Client></Dial></Response>');
  });

  it('ends a call with Status=completed', () => {
    expect(callUpdateRequest(credentials, 'CAabc', { Status: 'completed' }).body).toBe('Status=completed');
  });

  it('keeps a strange call id inside its path segment', () => {
    expect(callUpdateRequest(credentials, '../Accounts/x?y', { Status: 'completed' }).url).toBe(
      'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/..%2FAccounts%2Fx%3Fy.json',
    );
  });
});

describe('callUpdateOutboxPayload', () => {
  it('records the request without credentials', () => {
    expect(JSON.parse(callUpdateOutboxPayload('https://api.twilio.com', 'CAabc', { Status: 'completed' }))).toEqual({
      method: 'POST',
      url: 'https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Calls/CAabc.json',
      form: { Status: 'completed' },
    });
  });
});
