import { issueVisitorToken, verifyVisitorToken, visitorIdentity } from './visitor-token.util';

const secret = 'a-test-secret-a-test-secret-a-test-secret';

describe('visitor tokens', () => {
  it('verifies tokens this server issued, and nothing else', () => {
    const token = issueVisitorToken(secret);
    expect(verifyVisitorToken(token, secret)).toBe(token);
    expect(verifyVisitorToken(token, 'another-secret-another-secret-another-1')).toBeNull();
    const [id] = token.split('.');
    expect(verifyVisitorToken(`${id}.forged`, secret)).toBeNull();
    expect(verifyVisitorToken(`${id}x.${token.split('.')[1]}`, secret)).toBeNull();
    for (const junk of [undefined, 42, '', 'abc', 'a.b.c', 'x'.repeat(500)]) expect(verifyVisitorToken(junk, secret)).toBeNull();
  });

  it('stores only a hash, stable per token', () => {
    const token = issueVisitorToken(secret);
    expect(visitorIdentity(token)).toBe(visitorIdentity(token));
    expect(visitorIdentity(token)).not.toContain(token.split('.')[0]);
    expect(visitorIdentity(issueVisitorToken(secret))).not.toBe(visitorIdentity(token));
  });
});
