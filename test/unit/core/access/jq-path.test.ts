import { describe, expect, it } from 'vitest';
import { followJqPath, parseJqPath } from '../../../../layers/core/access/jq-path';

const doc = { internal: { organization_id: '123456', list: ['a', { b: 'c' }] }, 'with space': 1 };

describe('jq paths of header guards', () => {
  it.each([
    ['.', doc],
    ['.internal.organization_id', '123456'],
    ['.internal.list[1].b', 'c'],
    ['.internal.list[0]', 'a'],
    ['.["with space"]', 1],
    ['."with space"', 1],
    ['.missing.deeper', undefined],
    ['.internal.list[9]', undefined],
  ])('%s finds %j', (filter, expected) => {
    expect(followJqPath(doc, parseJqPath(filter)!)).toEqual(expected);
  });

  it.each(['.a | .b', 'keys', '.a[]', '..', '.a.b(c)'])('refuses %s (not a path)', (filter) => {
    expect(parseJqPath(filter)).toBeUndefined();
  });
});
