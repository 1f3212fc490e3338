import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openZip, type ZipArchive } from '../../../../../layers/plugins/python/archives/zip-reader';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../../../layers/plugins/python/archives/limits';
import { buildZip, type ZipFileSpec } from '../../../../support/archive-writers';
import { returnsOrRejectsCleanly } from '../fuzz';

const FILES: ZipFileSpec[] = [
  { name: 'pkg/', data: '' },
  { name: 'pkg/__init__.py', data: 'print("hi")\n'.repeat(50), method: 'deflate' },
  { name: 'pkg/data.bin', data: new Uint8Array([0, 1, 2, 255]), method: 'store' },
  { name: 'pkg-1.0.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: pkg\n' },
];

const readAll = (zip: ZipArchive): Record<string, string> =>
  Object.fromEntries(zip.entries.filter((e) => !e.isDirectory).map((e) => [e.name, zip.read(e).toString('latin1')]));

const expected = Object.fromEntries(
  FILES.filter((f) => !f.name.endsWith('/')).map((f) => [f.name, Buffer.from(f.data).toString('latin1')]),
);

// Offset of the n-th central directory header, to corrupt one field in place.
function centralHeader(zip: Buffer, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 1);
  return at;
}

describe('openZip reads', () => {
  it.each([
    ['a plain archive', {}],
    ['a ZIP64 archive', { zip64: true }],
    ['an archive behind a self-extractor stub', { prefix: Buffer.from('MZ'.padEnd(4096, '\0')) }],
  ])('%s', (_, options) => {
    // Prepare
    const bytes = buildZip(FILES, options);
    // Act
    const zip = openZip(bytes);
    // Assess
    expect(zip.entries.map((e) => e.name)).toEqual(FILES.map((f) => f.name));
    expect(zip.entries[0]!.isDirectory).toBe(true);
    expect(readAll(zip)).toEqual(expected);
    expect(zip.zip64).toBe('zip64' in options);
  });

  it('an empty archive', () => {
    // Act / Assess
    expect(openZip(buildZip([])).entries).toEqual([]);
  });
});

describe('openZip refuses hostile input', () => {
  it.each([
    ['too short', Buffer.from('PK'), 'not a ZIP file'],
    ['not a zip', Buffer.alloc(1000, 7), 'no end of central directory'],
    ['truncated at the front', buildZip(FILES).subarray(40), 'Invalid archive'],
    ['a traversal name', buildZip([{ name: '../evil.py', data: 'x' }]), "unsafe member path '../evil.py'"],
    ['a nested traversal name', buildZip([{ name: 'a/../../evil.py', data: 'x' }]), 'unsafe member path'],
    ['an absolute name', buildZip([{ name: '/etc/passwd', data: 'x' }]), 'unsafe member path'],
    ['a drive letter', buildZip([{ name: 'C:\\evil.py', data: 'x' }]), 'unsafe member path'],
    ['a NUL in a name', buildZip([{ name: 'a\0b', data: 'x' }]), 'unsafe member path'],
  ])('%s', (_, bytes, message) => {
    // Act / Assess
    expect(() => openZip(bytes)).toThrow(message);
  });

  it('more entries than the limit', () => {
    // Prepare
    const bytes = buildZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: '' })));
    // Act / Assess
    expect(() => openZip(bytes, { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 10 })).toThrow('more than 10 entries');
  });

  it('a deflate bomb that declares a small size', () => {
    // Prepare: 32 MiB of zeros deflates to ~32 KiB but says it is 100 bytes.
    const zip = openZip(buildZip([{ name: 'bomb', data: Buffer.alloc(32 * 1024 * 1024), declaredSize: 100 }]));
    // Act / Assess
    expect(() => zip.read(zip.entries[0]!)).toThrow("corrupt or oversized deflate data for 'bomb'");
  });

  it('an entry declared larger than the per-entry limit', () => {
    // Prepare
    const zip = openZip(buildZip([{ name: 'big', data: Buffer.alloc(2048) }]), { ...DEFAULT_ARCHIVE_LIMITS, maxEntrySize: 1024 });
    // Act / Assess
    expect(() => zip.read(zip.entries[0]!)).toThrow("entry 'big' is larger than 1024 bytes");
  });

  it('reads adding up past the total limit', () => {
    // Prepare
    const files = [0, 1, 2].map((i) => ({ name: `f${i}`, data: Buffer.alloc(400) }));
    const zip = openZip(buildZip(files), { ...DEFAULT_ARCHIVE_LIMITS, maxTotalSize: 1000 });
    zip.read(zip.entries[0]!);
    zip.read(zip.entries[1]!);
    // Act / Assess
    expect(() => zip.read(zip.entries[2]!)).toThrow('more than 1000 bytes uncompressed');
  });

  it.each([
    ['a CRC-32 mismatch', (zip: Buffer) => zip.writeUInt32LE(0xdeadbeef, centralHeader(zip) + 16), "CRC-32 mismatch for 'a'"],
    ['an encrypted entry', (zip: Buffer) => zip.writeUInt16LE(0x0801, centralHeader(zip) + 8), 'Encrypted ZIP entries are not supported'],
    ['an unknown method', (zip: Buffer) => zip.writeUInt16LE(12, centralHeader(zip) + 10), 'Unsupported ZIP compression method 12'],
    ['a size that lies upwards', (zip: Buffer) => zip.writeUInt32LE(9, centralHeader(zip) + 24), "size mismatch for 'a'"],
    ['data past the end', (zip: Buffer) => zip.writeUInt32LE(1 << 30, centralHeader(zip) + 20), "truncated data for 'a'"],
    ['a local header offset elsewhere', (zip: Buffer) => zip.writeUInt32LE(3, centralHeader(zip) + 42), "broken local header for 'a'"],
  ])('%s', (_, corrupt, message) => {
    // Prepare
    const bytes = buildZip([{ name: 'a', data: 'abcdefgh', method: 'store' }]);
    corrupt(bytes);
    // Act / Assess
    expect(() => {
      const zip = openZip(bytes);
      zip.read(zip.entries[0]!);
    }).toThrow(message);
  });
});

describe('fuzz', () => {
  const valid = buildZip(FILES);
  const readEverything = (bytes: Uint8Array) => () => readAll(openZip(bytes));

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => returnsOrRejectsCleanly(readEverything(bytes))));
  });

  it('a valid archive with bytes changed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        // Prepare
        const bytes = Buffer.from(valid);
        for (const [at, value] of edits) bytes[at] = value;
        // Act / Assess
        return returnsOrRejectsCleanly(readEverything(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('a valid archive cut anywhere', () => {
    fc.assert(fc.property(fc.nat(valid.length - 1), (end) => returnsOrRejectsCleanly(readEverything(valid.subarray(0, end)))));
  });
});
