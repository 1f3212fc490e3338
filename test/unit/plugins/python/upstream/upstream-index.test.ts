import { describe, expect, it } from 'vitest';
import { indexRoot } from '../../../../../layers/plugins/python/upstream/upstream-index';

describe('indexRoot', () => {
  it.each([
    ['https://pypi.org', 'https://pypi.org/'],
    ['https://pypi.org/', 'https://pypi.org/'],
    ['https://pypi.org/simple/', 'https://pypi.org/'],
    ['https://pypi.org/simple', 'https://pypi.org/'],
    ['http://h:8080/pypi/team/index/', 'http://h:8080/pypi/team/index/'],
    ['http://h/mirror?token=1#x', 'http://h/mirror/'],
  ])('%s → %s', (url, expected) => {
    // Act / Assess
    expect(indexRoot(url)).toBe(expected);
  });
});
