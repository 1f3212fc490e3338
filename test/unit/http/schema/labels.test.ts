import { describe, expect, it } from 'vitest';
import { labelsProblem, type LabelProblem } from '../../../../layers/http/schema/labels';
import { LABEL_LIMITS } from '../../../../layers/http/schema/limits';

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('labelsProblem', () => {
  const cases: Array<[string, Record<string, unknown>, LabelProblem | undefined]> = [
    ['Pulp-style keys', { env: 'dev', 'app.kubernetes.io name': 'x', 'größe_1-2': '' }, undefined],
    [`${LABEL_LIMITS.count} labels`, many(LABEL_LIMITS.count), undefined],
    [`${LABEL_LIMITS.count + 1} labels`, many(LABEL_LIMITS.count + 1), { part: 'count', message: 'Ensure there are no more than 100 labels.' }],
    ['an empty key', { '': 'v' }, { part: 'key', message: "Key '' contains invalid characters. Only alphanumerics, underscores, spaces, hyphens, and dots are allowed." }],
    ['a selector operator in a key', { 'a=b': 'v' }, { part: 'key', message: "Key 'a=b' contains invalid characters. Only alphanumerics, underscores, spaces, hyphens, and dots are allowed." }],
    ['a NUL in a key', { 'a\u0000': 'v' }, { part: 'key', message: 'Null characters are not allowed.' }],
    ['a long key', { ['k'.repeat(256)]: 'v' }, { part: 'key', message: 'Ensure label keys have no more than 255 characters.' }],
    ['a number value', { a: 1 }, { part: 'value', message: "Key 'a' has a non-string value." }],
    ['a lone surrogate value', { a: '\udc00' }, { part: 'value', message: 'Surrogate characters are not allowed: U+DC00.' }],
    ['a line break in a value', { a: 'b\nc' }, { part: 'value', message: 'Control characters are not allowed.' }],
    ['parentheses in a value', { a: 'f(x)' }, { part: 'value', message: "Key 'a' contains value with parenthesis." }],
    ['a value at the length bound', { a: 'v'.repeat(LABEL_LIMITS.valueLength) }, undefined],
    ['a long value', { a: 'v'.repeat(LABEL_LIMITS.valueLength + 1) }, { part: 'value', message: 'Ensure label values have no more than 1024 characters (2048 bytes as UTF-8).' }],
    ['a value of 3-byte characters past the byte bound', { a: '€'.repeat(700) }, { part: 'value', message: 'Ensure label values have no more than 1024 characters (2048 bytes as UTF-8).' }],
  ];
  it.each(cases)('judges %s', (_label, labels, expected) => {
    // Act
    const problem = labelsProblem(labels);
    // Assess
    expect(problem).toEqual(expected);
  });
});
