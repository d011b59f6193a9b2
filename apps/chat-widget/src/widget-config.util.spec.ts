import { describe, expect, it } from 'vitest';
import { readWidgetConfig } from './widget-config.util';

function script(attributes: Record<string, string>): HTMLScriptElement {
  const element = document.createElement('script');
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  return element;
}

const page = (href: string) => {
  const url = new URL(href);
  return { href: url.href, origin: url.origin, search: url.search };
};

describe('readWidgetConfig', () => {
  it.each([
    ['the data-inbox key', { src: '/widget.js', 'data-inbox': 'wk_globex_demo' }, 'https://shop.example/', 'wk_globex_demo'],
    ['no key at all', { src: '/widget.js' }, 'https://shop.example/', null],
    ['a query override the page opted into', { src: '/widget.js', 'data-inbox': 'wk_a', 'data-inbox-param': 'inbox' }, 'https://shop.example/?inbox=wk_b', 'wk_b'],
    ['the tag when the page did not opt in', { src: '/widget.js', 'data-inbox': 'wk_a' }, 'https://shop.example/?inbox=wk_b', 'wk_a'],
    ['the tag when the override is empty', { src: '/widget.js', 'data-inbox': 'wk_a', 'data-inbox-param': 'inbox' }, 'https://shop.example/?inbox=', 'wk_a'],
  ])('reads %s', (_case, attributes, href, inboxKey) => {
    expect(readWidgetConfig(script(attributes), page(href)).inboxKey).toBe(inboxKey);
  });

  it('talks to the origin the script came from, not the host page', () => {
    const config = readWidgetConfig(script({ src: 'https://switchboard.example/widget.js', 'data-inbox': 'wk' }), page('https://shop.example/'));
    expect(config.apiOrigin).toBe('https://switchboard.example');
    expect(readWidgetConfig(script({ src: '/widget.js' }), page('http://127.0.0.1:3000/widget/')).apiOrigin).toBe('http://127.0.0.1:3000');
  });
});
