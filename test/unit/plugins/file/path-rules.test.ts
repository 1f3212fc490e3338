import { describe, expect, it } from 'vitest';
import { overlappingPaths, overlapProblem } from '../../../../layers/plugins/file/path-rules';

describe('overlappingPaths', () => {
  it.each([
    [['a', 'b', 'c/d'], []],
    [['a', 'a/b'], [['a', 'a/b']]],
    [['a', 'a-b', 'a/c'], [['a', 'a/c']]],
    [['a/b', 'a/b/c/d'], [['a/b', 'a/b/c/d']]],
    [['x/y', 'x/yz'], []],
    [['a', 'a/b', 'a/b/c'], [['a', 'a/b'], ['a', 'a/b/c'], ['a/b', 'a/b/c']]],
  ])('%j → %j', (paths, expected) => {
    // Act
    const found = overlappingPaths(paths);
    // Assess
    expect(found).toEqual(expected);
  });

  it('checks 10,000 paths without quadratic work', () => {
    // Prepare
    const paths = Array.from({ length: 10_000 }, (_, i) => `d${i % 100}/f${i}`);
    // Act / Assess
    expect(overlappingPaths([...paths, 'd7'])).toHaveLength(100);
  });
});

describe('overlapProblem', () => {
  it.each([
    [['a', 'b'], undefined],
    [['a', 'a/b'], 'Repository version errors : Paths overlap: a and a/b.'],
    [['a/b', 'a'], 'Repository version errors : Paths overlap: a and a/b.'],
  ])('%j → %s', (paths, expected) => {
    // Act / Assess
    expect(overlapProblem(paths)).toBe(expected);
  });
});
