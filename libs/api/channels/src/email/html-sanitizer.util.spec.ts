import { htmlToText, sanitizeEmailHtml } from './html-sanitizer.util';

describe('sanitizeEmailHtml', () => {
  it.each([
    ['<p>Hello<script>alert(1)</script></p>', '<p>Hello</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<b onclick="steal()">bold</b>', '<b>bold</b>'],
    ['<img src="https://tracker.example/p.gif">text', 'text'],
    ['<iframe src="https://evil.example"></iframe><style>body{}</style>ok', 'ok'],
    ['<svg><script>alert(1)</script></svg>fine', 'fine'],
  ])('%s', (html, safe) => expect(sanitizeEmailHtml(html)).toBe(safe));

  it('keeps ordinary formatting and safe links', () => {
    expect(sanitizeEmailHtml('<p>See <a href="https://globex.demo/orders/55">order</a></p><ul><li>one</li></ul>')).toBe(
      '<p>See <a href="https://globex.demo/orders/55" rel="noopener noreferrer nofollow" target="_blank">order</a></p><ul><li>one</li></ul>',
    );
  });
});

describe('htmlToText', () => {
  it('keeps line breaks and drops tags', () => {
    expect(htmlToText('<div>Hello<br>there</div><p>Second &amp; last</p><script>x()</script>')).toBe('Hello\nthere\nSecond & last');
  });
});
