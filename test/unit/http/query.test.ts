import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueryParam } from '../../../layers/http/route';
import { invalidFilters, parseQuery } from '../../../layers/http/query';
import { f } from '../../../layers/http/schema/fields';

const declared: QueryParam[] = [
  { name: 'limit', field: f.integer() },
  { name: 'name', field: f.string() },
  { name: 'name__in', field: f.array(f.string()), explode: false },
  { name: 'number__in', field: f.array(f.integer()) },
  { name: 'started_at__gte', field: f.dateTime() },
  { name: 'hidden', field: f.boolean() },
  { name: 'state', field: f.enum(['waiting', 'running']) },
];

describe('parseQuery', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['an integer', 'limit=25', { limit: 25 }],
    ['percent-decoding and plus as space', 'name=a%2Fb+c', { name: 'a/b c' }],
    ['comma-joined arrays', 'name__in=a,b', { name__in: ['a', 'b'] }],
    ['repeated-key arrays', 'name__in=a&name__in=b,c', { name__in: ['a', 'b', 'c'] }],
    ['typed array items', 'number__in=1,2', { number__in: [1, 2] }],
    ['glue date-times', 'started_at__gte=2024-05-06T07%3A08%3A09.123456Z', { started_at__gte: new Date('2024-05-06T07:08:09.123Z') }],
    ['booleans', 'hidden=false', { hidden: false }],
    ['enums', 'state=running', { state: 'running' }],
    ['undeclared parameters ignored', 'bogus=1&limit=2', { limit: 2 }],
    ['empty values ignored', 'limit=&name=', {}],
    ['last of repeated scalars', 'limit=1&limit=2', { limit: 2 }],
    ['an empty query', '', {}],
  ];
  it.each(cases)('parses %s', (_label, raw, value) => {
    // Prepare
    const params = declared;

    // Act
    const result = parseQuery(raw, params);

    // Assess
    expect(result).toEqual({ ok: true, value });
  });

  const errors: Array<[string, string, Record<string, unknown>]> = [
    ['a bad integer', 'limit=ten', { limit: ['A valid integer is required.'] }],
    ['a bad array item', 'number__in=1,x', { number__in: ['A valid integer is required.'] }],
    ['a bad date-time', 'started_at__gte=soon', { started_at__gte: ['Enter a valid date/time.'] }],
    ['a bad boolean', 'hidden=perhaps', { hidden: ['Must be a valid boolean.'] }],
    ['a NUL character', 'name=a%00', { name: ['Null characters are not allowed.'] }],
    ['a NUL character in a list', 'name__in=a,%00', { name__in: ['Null characters are not allowed.'] }],
    ['a bad choice', 'state=gone', { state: ['Select a valid choice. gone is not one of the available choices.'] }],
  ];
  it.each(errors)('rejects %s', (_label, raw, expected) => {
    // Prepare
    const params = declared;

    // Act
    const result = parseQuery(raw, params);

    // Assess
    expect(result).toEqual({ ok: false, errors: expected });
  });
});

describe('invalidFilters', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['declared filters', 'limit=1&name=a&name__in=b', {}],
    ["pulpcore's default parameters", 'offset=0&fields=a&exclude_fields=b&ordering=-x&minimal=1&page_size=2&format=json', {}],
    ['an undeclared filter', 'bogus=1', { errors: ["Invalid Filter: 'bogus'"] }],
    ['an undeclared filter without a value', 'bogus', { errors: ["Invalid Filter: 'bogus'"] }],
    ['a repeated undeclared filter, named once', 'x=1&x=2', { errors: ["Invalid Filter: 'x'"] }],
    ['a long name, cut short', `${'n'.repeat(100)}=1`, { errors: [`Invalid Filter: '${'n'.repeat(64)}…'`] }],
    ['many names, ten of them', Array.from({ length: 50 }, (_, i) => `f${i}=1`).join('&'), { errors: Array.from({ length: 10 }, (_, i) => `Invalid Filter: 'f${i}'`) }],
  ];
  it.each(cases)('reports %s', (_label, raw, expected) => {
    // Act
    const errors = invalidFilters(raw, declared);
    // Assess
    expect(errors).toEqual(expected);
  });
});

describe('parseQuery on any input', () => {
  it('never throws and yields only declared names, typed', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('%', '%00', '%ED%A0%80', '%E0%A4%A', '+', ',', '=', '&'));
    const raw = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...declared.map((p) => p.name)), piece), fc.array(piece, { maxLength: 4 })), { maxLength: 8 });
    fc.assert(
      fc.property(raw, (pairs) => {
        // Prepare
        const text = pairs.map(([k, v]) => `${k}=${v.join('')}`).join('&');
        // Act
        const result = parseQuery(text, declared);
        // Assess
        const names = Object.keys(result.ok ? result.value : result.errors);
        expect(names.every((n) => declared.some((p) => p.name === n))).toBe(true);
        if (result.ok && result.value.limit !== undefined) expect(Number.isSafeInteger(result.value.limit)).toBe(true);
        if (result.ok && result.value.name !== undefined) expect(result.value.name).not.toMatch(/\u0000/);
      }),
    );
  });
});
