import { describe, expect, it } from 'vitest';
import { DEPTH_ERROR, JSON_SIZE_ERROR, jsonProblem } from '../../../../layers/http/schema/json-value';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH } from '../../../../layers/http/schema/limits';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonProblem', () => {
  const cases: Array<[string, unknown, boolean, string | undefined]> = [
    ['a header list', [{ 'X-Token': 'abc' }], false, undefined],
    ['scalars', [1, true, null, 'x'], false, undefined],
    [`${MAX_JSON_DEPTH} levels`, nested(MAX_JSON_DEPTH), false, undefined],
    [`${MAX_JSON_DEPTH + 1} levels`, nested(MAX_JSON_DEPTH + 1), false, DEPTH_ERROR],
    ['100,000 levels', nested(100_000), false, DEPTH_ERROR],
    ['a NUL in a nested value', { a: [{ b: 'c\u0000' }] }, false, 'Null characters are not allowed.'],
    ['a NUL in a key', { 'a\u0000': 1 }, false, 'Null characters are not allowed.'],
    ['a lone surrogate in a key', { '\ud800': 1 }, false, 'Surrogate characters are not allowed: U+D800.'],
    ['a line break in a value', { a: 'b\nc' }, false, 'Control characters are not allowed.'],
    ['a line break in free text', { a: 'b\nc' }, true, undefined],
    ['a line break in a key, even in free text', { 'a\nb': 'c' }, true, 'Control characters are not allowed.'],
    ['more than the size bound', { a: 'z'.repeat(MAX_JSON_BYTES) }, false, JSON_SIZE_ERROR],
  ];
  it.each(cases)('judges %s', (_label, value, multiline, expected) => {
    // Act
    const problem = jsonProblem(value, multiline);
    // Assess
    expect(problem).toBe(expected);
  });
});
