import { describe, expect, it } from 'vitest';
import { projectCandidates } from '../../../../../layers/plugins/python/serving/pull-through';

describe('projectCandidates', () => {
  it.each([
    ['Foo_Bar-1.0-py3-none-any.whl', ['foo-bar']],
    ['foo-bar-1.0.tar.gz', ['foo-bar']],
    ['foo-2-1.0.tar.gz', ['foo', 'foo-2']],
    ['foo-1.0-py2.7.egg', ['foo']],
    ['foo.tar.gz', []],
    ['foo-1.0.txt', []],
    ['../x-1.0.tar.gz', []],
    ['bad name-1.0-py3-none-any.whl', []],
  ])('%s → %j', (filename, expected) => {
    // Act / Assess
    expect(projectCandidates(filename)).toEqual(expected);
  });
});
