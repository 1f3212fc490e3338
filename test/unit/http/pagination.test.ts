import { describe, expect, it } from 'vitest';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../../layers/http/pagination';
import { parseQuery } from '../../../layers/http/query';
import { f } from '../../../layers/http/schema/fields';

const PATH = '/pulp/api/v3/tasks/';

describe('paginate', () => {
  const cases: Array<[string, { count: number; limit: number; offset: number; rawQuery: string }, string | null, string | null]> = [
    ['first page', { count: 250, limit: 100, offset: 0, rawQuery: 'state=running&limit=100' }, `${PATH}?state=running&limit=100&offset=100`, null],
    ['middle page', { count: 250, limit: 100, offset: 100, rawQuery: 'offset=100&state=running' }, `${PATH}?state=running&limit=100&offset=200`, `${PATH}?state=running&limit=100`],
    ['last page', { count: 250, limit: 100, offset: 200, rawQuery: '' }, null, `${PATH}?limit=100&offset=100`],
    ['short offset', { count: 250, limit: 100, offset: 30, rawQuery: 'name__in=a%2Cb' }, `${PATH}?name__in=a%2Cb&limit=100&offset=130`, `${PATH}?name__in=a%2Cb&limit=100`],
    ['exact end', { count: 2, limit: 1, offset: 1, rawQuery: 'limit=1&offset=1' }, null, `${PATH}?limit=1`],
    ['empty', { count: 0, limit: 25, offset: 0, rawQuery: '' }, null, null],
  ];
  it.each(cases)('links the %s', (_label, args, next, previous) => {
    // Prepare
    const results = [{ a: 1 }];

    // Act
    const page = paginate({ ...args, results, path: PATH });

    // Assess
    expect(page).toEqual({ count: args.count, next, previous, results });
  });
});

describe('pageWindow', () => {
  const cases: Array<[Record<string, unknown>, { limit: number; offset: number }]> = [
    [{}, { limit: 100, offset: 0 }],
    [{ limit: 25, offset: 50 }, { limit: 25, offset: 50 }],
    [{ limit: 5000 }, { limit: 1000, offset: 0 }],
    [{ limit: 0, offset: -3 }, { limit: 100, offset: 0 }],
  ];
  it.each(cases)('reads %o', (query, expected) => {
    // Prepare
    const input = query;

    // Act
    const window = pageWindow(input);

    // Assess
    expect(window).toEqual(expected);
  });
});

describe('listQueryParams', () => {
  it('declares the common list parameters and the extra ones', () => {
    // Prepare
    const extra = [{ name: 'name', field: f.string() }];

    // Act
    const names = listQueryParams(extra).map((p) => p.name);

    // Assess
    expect(names).toEqual(['limit', 'offset', 'ordering', 'fields', 'exclude_fields', 'pulp_href__in', 'prn__in', 'name']);
  });

  it('parses what pulp-glue sends for a lookup', () => {
    // Prepare
    const raw = 'name=x&offset=0&limit=1&fields=name,pulp_href';

    // Act
    const result = parseQuery(raw, listQueryParams([{ name: 'name', field: f.string() }]));

    // Assess
    expect(result).toEqual({ ok: true, value: { name: 'x', offset: 0, limit: 1, fields: ['name', 'pulp_href'] } });
  });
});

describe('applyFieldSelection', () => {
  const obj = { pulp_href: '/h/', name: 'n', description: null };
  const cases: Array<[string[] | undefined, string[] | undefined, Record<string, unknown>]> = [
    [undefined, undefined, obj],
    [[], [], obj],
    [['name'], undefined, { name: 'n' }],
    [undefined, ['description'], { pulp_href: '/h/', name: 'n' }],
    [['name', 'description'], ['description'], { name: 'n' }],
  ];
  it.each(cases)('selects fields=%o exclude=%o', (fields, exclude, expected) => {
    // Prepare
    const input = { ...obj };

    // Act
    const out = applyFieldSelection(input, fields, exclude);

    // Assess
    expect(out).toEqual(expected);
  });
});
