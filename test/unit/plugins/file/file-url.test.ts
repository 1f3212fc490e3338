import { describe, expect, it } from 'vitest';
import { fileUrl } from '../../../../layers/plugins/file/file-url';

describe('fileUrl', () => {
  const cases: Array<[string, string, string]> = [
    ['http://h/repo/PULP_MANIFEST', '1.iso', 'http://h/repo/1.iso'],
    ['http://h/repo/PULP_MANIFEST', 'a/b/c.txt', 'http://h/repo/a/b/c.txt'],
    ['http://h:8080/PULP_MANIFEST', 'x', 'http://h:8080/x'],
    ['http://h/repo/PULP_MANIFEST', 'a,b.txt', 'http://h/repo/a%2Cb.txt'],
    ['http://h/repo/PULP_MANIFEST', 'sp ace/#?.txt', 'http://h/repo/sp%20ace/%23%3F.txt'],
    ['http://h/repo/PULP_MANIFEST', '100%.txt', 'http://h/repo/100%25.txt'],
    ['https://h/a/PULP_MANIFEST?sig=1#frag', 'f', 'https://h/a/f?sig=1'],
    ['http://h/pulp/content/my%20dist/PULP_MANIFEST', 'f', 'http://h/pulp/content/my%20dist/f'],
    ['http://h/dir/', 'f', 'http://h/dir/f'],
  ];
  it.each(cases)('%s + %s', (manifest, path, expected) => {
    // Prepare
    const base = manifest;
    // Act
    const url = fileUrl(base, path);
    // Assess
    expect(url).toBe(expected);
  });
});
