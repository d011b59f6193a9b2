import { DomainException } from '../errors/domain.exception';
import { pageOf, pageRequestOf } from './paging.util';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainException ? error.fields?.[0]?.field : 'not a domain error';
  }
  return null;
};

describe('pageRequestOf', () => {
  it('defaults to a first page of the largest size', () => {
    expect(pageRequestOf(undefined, undefined, ['string'])).toEqual({ limit: 100, after: null });
    expect(pageRequestOf('25', undefined, ['string'], 50)).toEqual({ limit: 25, after: null });
    expect(pageRequestOf(undefined, undefined, ['string'], 50)).toEqual({ limit: 50, after: null });
  });

  it.each([['0'], ['101'], ['-1'], ['1.5'], ['ten'], [''], [['5', '6']]])('refuses limit %j', (limit) => {
    expect(fieldOf(() => pageRequestOf(limit, undefined, ['string']))).toBe('limit');
  });

  it('reads back the cursor of a page, and only a cursor of the same shape', () => {
    const page = pageOf([{ n: '7', name: 'b' }, { n: '9', name: 'c' }, { n: '12', name: 'd' }], 2, (row) => [row.n, row.name], (row) => row.name);
    expect(page.items).toEqual(['b', 'c']);
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(pageRequestOf('2', page.nextCursor, ['string', 'string']).after).toEqual(['9', 'c']);
    expect(fieldOf(() => pageRequestOf('2', page.nextCursor, ['string']))).toBe('after');
    expect(fieldOf(() => pageRequestOf('2', page.nextCursor, ['number', 'string']))).toBe('after');
  });

  it.each([["' OR 1=1 --"], ['bm90IGpzb24'], [Buffer.from('{"a":1}').toString('base64url')], ['x'.repeat(401)], [['a', 'b']]])('refuses the cursor %j', (after) => {
    expect(fieldOf(() => pageRequestOf(undefined, after, ['string']))).toBe('after');
  });
});

describe('pageOf', () => {
  it('has no next cursor on the last page', () => {
    expect(pageOf([1, 2], 2, (n) => [n], (n) => n)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], 2, (n: number) => [n], (n) => n)).toEqual({ items: [], nextCursor: null });
  });
});
