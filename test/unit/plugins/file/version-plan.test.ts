import { describe, expect, it } from 'vitest';
import { planVersion, VersionConflict } from '../../../../layers/plugins/file/version-plan';

const u = (id: string, relativePath: string) => ({ id, relativePath });

describe('planVersion', () => {
  it.each([
    ['adds to the base', [u('1', 'a')], [u('2', 'b')], [], ['1', '2']],
    ['removes by id', [u('1', 'a'), u('2', 'b')], [], ['1'], ['2']],
    ['removes everything with *', [u('1', 'a'), u('2', 'b')], [u('3', 'c')], '*', ['3']],
    ['replaces the older unit at the same path', [u('1', 'a')], [u('2', 'a')], [], ['2']],
    ['keeps a unit re-added as is', [u('1', 'a')], [u('1', 'a')], [], ['1']],
    ['lets a new unit replace one re-added at its path', [u('1', 'a')], [u('1', 'a'), u('2', 'a')], [], ['2']],
    ['adds back what it removes', [u('1', 'a')], [u('1', 'a')], ['1'], ['1']],
  ] as const)('%s', (_label, base, add, remove, expected) => {
    // Act
    const planned = planVersion({ base, add, remove: remove === '*' ? '*' : [...remove] });
    // Assess
    expect([...planned.keys()].sort()).toEqual(expected);
  });

  it.each([
    ['two new units at one path', [], [u('1', 'a'), u('2', 'a')], /duplicate values for relative_path: a/],
    ['a new unit under an existing file', [u('1', 'a')], [u('2', 'a/b')], /Paths overlap: a and a\/b/],
    ['an existing unit under a new file', [u('1', 'a/b')], [u('2', 'a')], /Paths overlap/],
  ] as const)('refuses %s', (_label, base, add, message) => {
    // Act / Assess
    expect(() => planVersion({ base, add, remove: [] })).toThrow(VersionConflict);
    expect(() => planVersion({ base, add, remove: [] })).toThrow(message);
  });
});
