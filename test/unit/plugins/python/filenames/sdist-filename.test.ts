import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSdistFilename } from '../../../../../layers/plugins/python/filenames/sdist-filename';
import { formatVersion } from '../../../../../layers/plugins/python/versions/version';
import { returnsOrRejectsCleanly } from '../fuzz';

describe('parseSdistFilename', () => {
  it.each([
    ['shelf-reader-0.1.tar.gz', 'shelf-reader', '0.1', '.tar.gz'],
    ['shelf_reader-0.1.tar.gz', 'shelf-reader', '0.1', '.tar.gz'],
    ['Django-4.2.zip', 'django', '4.2', '.zip'],
    ['old.pkg-1.0.post1.tar.bz2', 'old-pkg', '1.0.post1', '.tar.bz2'],
  ])('%s', (filename, name, version, extension) => {
    // Act
    const sdist = parseSdistFilename(filename);
    // Assess
    expect([sdist.normalizedName, formatVersion(sdist.version), sdist.extension]).toEqual([name, version, extension]);
  });

  it.each([
    ['foo-1.0.tgz', 'extension must be'],
    ['foo.tar.gz', 'no version'],
    ['-1.0.tar.gz', 'no version'],
    ['foo-1.0-beta-x.tar.gz', "invalid version 'x'"],
  ])('rejects %s (%s)', (filename, reason) => {
    // Act / Assess
    expect(() => parseSdistFilename(filename)).toThrow(reason);
  });

  it('fuzz: throws only the client error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('.tar.gz', '.zip', '.tar.bz2', ''), (stem, extension) => {
        // Act / Assess
        expect(returnsOrRejectsCleanly(() => parseSdistFilename(stem + extension))).toBe(true);
      }),
    );
  });
});
