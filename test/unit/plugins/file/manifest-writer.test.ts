import { describe, expect, it } from 'vitest';
import { writeManifest } from '../../../../layers/plugins/file/manifest-writer';

const H = (c: string) => c.repeat(64);

describe('writeManifest', () => {
  it.each([
    ['nothing', [], ''],
    ['one file', [{ relativePath: 'a', sha256: H('a'), size: 1 }], `a,${H('a')},1\n`],
    [
      'files sorted by path, commas kept verbatim',
      [
        { relativePath: 'z/b,c.txt', sha256: H('b'), size: 20 },
        { relativePath: 'a b.txt', sha256: H('c'), size: 0 },
      ],
      `a b.txt,${H('c')},0\nz/b,c.txt,${H('b')},20\n`,
    ],
  ])('writes %s', (_label, entries, expected) => {
    // Act
    const text = writeManifest(entries);
    // Assess
    expect(text).toBe(expected);
  });

  it('round-trips through an rsplit(",", 2) reader', () => {
    // Prepare
    const entries = [{ relativePath: 'a,b,c', sha256: H('d'), size: 7 }];
    // Act
    const line = writeManifest(entries).trimEnd();
    const parts = line.split(',');
    const [size, sha] = [parts.pop(), parts.pop()];
    // Assess
    expect({ relativePath: parts.join(','), sha256: sha, size: Number(size) }).toEqual(entries[0]);
  });
});
