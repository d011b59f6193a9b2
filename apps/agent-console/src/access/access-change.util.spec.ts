import { describe, expect, it } from 'vitest';
import type { ClientRef } from '@switchboard/shared-contracts';
import { accessChangeNotice } from './access-change.util';

const client = (id: string, name: string): ClientRef => ({ id, slug: id, name, brandColor: '#123456' });
const globex = client('g', 'Globex Retail');
const northwind = client('n', 'Northwind Insurance');
const initech = client('i', 'Initech');

describe('accessChangeNotice', () => {
  it.each([
    ['nothing changed', [globex, northwind], [northwind, globex], null],
    ['one client removed', [globex, northwind], [northwind], 'Your access changed. You no longer serve Globex Retail: its tickets and offers are gone from your screens.'],
    ['two removed', [globex, northwind, initech], [initech], 'Your access changed. You no longer serve Globex Retail and Northwind Insurance: their tickets and offers are gone from your screens.'],
    ['one added', [globex], [globex, initech], 'Your access changed. You now also serve Initech.'],
    ['one swapped for another', [globex], [northwind], 'Your access changed. You no longer serve Globex Retail: its tickets and offers are gone from your screens. You now also serve Northwind Insurance.'],
    ['three added', [], [globex, northwind, initech], 'Your access changed. You now also serve Globex Retail, Northwind Insurance and Initech.'],
  ])('%s', (_why, before, after, expected) => expect(accessChangeNotice(before, after)).toBe(expected));
});
