import { describe, expect, it } from 'vitest';
import type { VersionUnit } from '../../../../layers/core/models/content';
import { planVersion, VersionConflict } from '../../../../layers/core/repositories/version-plan';

const u = (id: string, key: string, pulpType = 'file.file'): VersionUnit => ({ id, pulpType, key, relativePath: key });
const keyNames = () => 'relative_path';

describe('planVersion', () => {
  it.each([
    ['adds to the base', [u('1', 'a')], [u('2', 'b')], [], ['1', '2']],
    ['removes by id', [u('1', 'a'), u('2', 'b')], [], ['1'], ['2']],
    ['removes everything with *', [u('1', 'a'), u('2', 'b')], [u('3', 'c')], '*', ['3']],
    ['replaces the older unit with the same key', [u('1', 'a')], [u('2', 'a')], [], ['2']],
    ['keeps a unit re-added as is', [u('1', 'a')], [u('1', 'a')], [], ['1']],
    ['lets a new unit replace one re-added with its key', [u('1', 'a')], [u('1', 'a'), u('2', 'a')], [], ['2']],
    ['adds back what it removes', [u('1', 'a')], [u('1', 'a')], ['1'], ['1']],
    ['keeps units of another type with an equal key', [u('1', 'a', 'other.thing')], [u('2', 'a')], [], ['1', '2']],
  ] as const)('%s', (_label, base, add, remove, expected) => {
    // Act
    const planned = planVersion({ base, add, remove: remove === '*' ? '*' : [...remove] }, keyNames);
    // Assess
    expect([...planned.keys()].sort()).toEqual(expected);
  });

  it('refuses two new units with one key, naming the type, its key and the values', () => {
    // Act / Assess
    const change = { base: [], add: [u('1', 'b'), u('2', 'b'), u('3', 'a'), u('4', 'a')], remove: [] };
    expect(() => planVersion(change, keyNames)).toThrow(VersionConflict);
    expect(() => planVersion(change, keyNames)).toThrow('More than one file.file content with the duplicate values for relative_path: a, b.');
  });
});
