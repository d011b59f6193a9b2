/** Requests to a Twilio-compatible REST API: changing a live call (new TwiML, or hanging it up). */

/** `Twiml`: run these instructions on the call now. `Status=completed`: end the call. */
export type CallUpdate = { Twiml: string } | { Status: 'completed' };

export interface ProviderCredentials {
  apiUrl: string;
  accountSid: string;
  authToken: string;
}

export interface ProviderRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function callUpdateUrl(apiUrl: string, accountSid: string, callSid: string): string {
  return `${apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Calls/${encodeURIComponent(callSid)}.json`;
}

/** `POST …/Calls/{CallSid}.json`, form-encoded, with HTTP Basic auth of the account SID and auth token. */
export function callUpdateRequest(credentials: ProviderCredentials, callSid: string, update: CallUpdate): ProviderRequest {
  return {
    method: 'POST',
    url: callUpdateUrl(credentials.apiUrl, credentials.accountSid, callSid),
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`, 'utf8').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams(update).toString(),
  };
}

/** What the local outbox keeps of a request that had no account to go to: everything but credentials. */
export function callUpdateOutboxPayload(apiUrl: string, callSid: string, update: CallUpdate): string {
  return JSON.stringify({ method: 'POST', url: callUpdateUrl(apiUrl, '{AccountSid}', callSid).replace('%7BAccountSid%7D', '{AccountSid}'), form: update });
}
