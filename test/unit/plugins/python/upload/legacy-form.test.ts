import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateLegacyUpload, type FormFields, type UploadedFile } from '../../../../../layers/plugins/python/upload/legacy-form';
import { isPythonClientError } from '../../../../../layers/plugins/python/client-error';
import { returnsOrRejectsCleanly } from '../fuzz';

const BYTES = Buffer.from('pretend sdist bytes');
const SHA = createHash('sha256').update(BYTES).digest('hex');
const SDIST: UploadedFile = { filename: 'shelf-reader-0.1.tar.gz', bytes: BYTES };
const WHEEL: UploadedFile = { filename: 'shelf_reader-0.1-py2-none-any.whl', bytes: BYTES };

// What twine 6 sends besides the file (metadata fields are ignored by the server).
const TWINE: FormFields = {
  ':action': 'file_upload',
  protocol_version: '1',
  name: 'shelf-reader',
  version: '0.1',
  filetype: 'sdist',
  pyversion: 'source',
  metadata_version: '2.4',
  sha256_digest: SHA,
  blake2_256_digest: 'b'.repeat(64),
  classifiers: ['A', 'B'],
};

function bodyOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (isPythonClientError(error)) return error.body();
    throw error;
  }
  return 'accepted';
}

describe('validateLegacyUpload', () => {
  it("accepts twine's form and returns what the task needs", () => {
    // Act
    const upload = validateLegacyUpload({ ...TWINE, attestations: '[]' }, SDIST);
    // Assess
    expect(upload).toEqual({ filename: SDIST.filename, bytes: BYTES, sha256: SHA, packagetype: 'sdist', attestations: '[]' });
  });

  it.each([
    ['only the file and digest (defaults for the rest)', { sha256_digest: SHA }, SDIST],
    ['an upper-case digest', { sha256_digest: SHA.toUpperCase() }, SDIST],
    ['every accepted metadata version', { sha256_digest: SHA, metadata_version: '1.0' }, SDIST],
    ['Metadata-Version 2.5', { sha256_digest: SHA, metadata_version: '2.5' }, SDIST],
    ['a wheel', { ...TWINE, filetype: 'bdist_wheel', pyversion: 'py2' }, WHEEL],
    ['an egg without filetype', { sha256_digest: SHA }, { filename: 'shelf_reader-0.1-py2.7.egg', bytes: BYTES }],
    ['a client-side path', { sha256_digest: SHA }, { filename: 'C:\\dist\\shelf-reader-0.1.tar.gz', bytes: BYTES }],
  ])('accepts %s', (_, fields, file) => {
    // Act / Assess
    expect(bodyOf(() => validateLegacyUpload(fields, file))).toBe('accepted');
  });

  it.each([
    ['protocol_version 2', { ...TWINE, protocol_version: '2' }, SDIST, { protocol_version: ['"2" is not a valid choice.'] }],
    ['protocol_version 0', { ...TWINE, protocol_version: '0' }, SDIST, { protocol_version: ['"0" is not a valid choice.'] }],
    ['metadata_version 3.0', { ...TWINE, metadata_version: '3.0' }, SDIST, { metadata_version: ['"3.0" is not a valid choice.'] }],
    ['filetype bdist_egg', { ...TWINE, filetype: 'bdist_egg' }, SDIST, { filetype: ['"bdist_egg" is not a valid choice.'] }],
    [
      'a wheel filetype on an sdist',
      { ...TWINE, filetype: 'bdist_wheel' },
      SDIST,
      { filetype: ['filetype bdist_wheel does not match found filetype sdist for file shelf-reader-0.1.tar.gz'] },
    ],
    [
      'an sdist filetype on a wheel',
      { ...TWINE, filetype: 'sdist' },
      WHEEL,
      { filetype: ['filetype sdist does not match found filetype bdist_wheel for file shelf_reader-0.1-py2-none-any.whl'] },
    ],
    ['no file', TWINE, null, { content: ['No file was submitted.'] }],
    ['an empty file', TWINE, { filename: 'x-1.tar.gz', bytes: Buffer.alloc(0) }, { content: ['The submitted file is empty.'] }],
    ['no digest', { ...TWINE, sha256_digest: undefined }, SDIST, { sha256_digest: ['This field is required.'] }],
    ['a blank digest', { ...TWINE, sha256_digest: '' }, SDIST, { sha256_digest: ['This field may not be blank.'] }],
    ['a short digest', { ...TWINE, sha256_digest: 'abc' }, SDIST, { sha256_digest: ['Ensure this field has at least 64 characters.'] }],
    ['a long digest', { ...TWINE, sha256_digest: `${SHA}0` }, SDIST, { sha256_digest: ['Ensure this field has no more than 64 characters.'] }],
    [
      'a wrong digest',
      { ...TWINE, sha256_digest: '0'.repeat(64) },
      SDIST,
      { sha256_digest: [`A file failed validation due to checksum. Expected '${'0'.repeat(64)}', Actual '${SHA}'`] },
    ],
    ['another action', { ...TWINE, ':action': 'submit' }, SDIST, { non_field_errors: ['We do not support the :action submit'] }],
    [
      'an unknown extension',
      { sha256_digest: SHA },
      { filename: 'x-1.0.tgz', bytes: BYTES },
      { content: ['Extension on x-1.0.tgz is not a valid python extension (.whl, .exe, .egg, .tar.gz, .tar.bz2, .zip)'] },
    ],
    [
      'several field errors at once',
      { protocol_version: '2', metadata_version: '9' },
      null,
      {
        content: ['No file was submitted.'],
        sha256_digest: ['This field is required.'],
        protocol_version: ['"2" is not a valid choice.'],
        metadata_version: ['"9" is not a valid choice.'],
      },
    ],
    ['a repeated field, by its last value', { ...TWINE, protocol_version: ['1', '2'] }, SDIST, { protocol_version: ['"2" is not a valid choice.'] }],
  ])('refuses %s with Pulp’s 400 body', (_, fields, file, body) => {
    // Act / Assess
    expect(bodyOf(() => validateLegacyUpload(fields as FormFields, file))).toEqual(body);
  });

  it('fuzz: random forms are accepted or refused cleanly', () => {
    const value = fc.oneof(fc.string({ maxLength: 70 }), fc.constant(SHA), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }));
    const key = fc.constantFrom(':action', 'protocol_version', 'filetype', 'metadata_version', 'sha256_digest', 'attestations', 'other');
    fc.assert(
      fc.property(fc.dictionary(key, value), fc.option(fc.string({ maxLength: 30 })), (fields, filename) =>
        returnsOrRejectsCleanly(() => validateLegacyUpload(fields, filename === null ? null : { filename, bytes: BYTES })),
      ),
      { numRuns: 500 },
    );
  });
});
