import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTarGz } from '../../../../../layers/plugins/python/archives/tar-gz';
import { TarParser, type TarEntry } from '../../../../../layers/plugins/python/archives/tar-parser';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../../../layers/plugins/python/archives/limits';
import { buildTar, buildTarGz, type TarEntrySpec } from '../../../../support/archive-writers';
import { resolvesOrRejectsCleanly, returnsOrRejectsCleanly } from '../fuzz';

const LONG = `pkg-1.0/${'deep/'.repeat(30)}file.txt`;
const ENTRIES: TarEntrySpec[] = [
  { name: 'pkg-1.0/', type: 'directory' },
  { name: 'pkg-1.0/PKG-INFO', data: 'Metadata-Version: 1.0\nName: pkg\n' },
  { name: 'pkg-1.0/link', type: 'symlink', linkName: 'PKG-INFO' },
  { name: LONG, data: 'long' },
  { name: 'pkg-1.0/empty.txt', data: '' },
];

const summary = (entries: TarEntry[]) => entries.map((e) => [e.name, e.type, e.data?.toString() ?? null]);
const EXPECTED = [
  ['pkg-1.0/', 'directory', null],
  ['pkg-1.0/PKG-INFO', 'file', 'Metadata-Version: 1.0\nName: pkg\n'],
  ['pkg-1.0/link', 'symlink', null],
  [LONG, 'file', 'long'],
  ['pkg-1.0/empty.txt', 'file', ''],
];

function parse(bytes: Buffer, chunkSize = 512): TarEntry[] {
  const parser = new TarParser();
  for (let at = 0; at < bytes.length && !parser.done; at += chunkSize) parser.push(bytes.subarray(at, at + chunkSize));
  parser.end();
  return parser.entries;
}

// Rewrites a header field and its checksum, for archives the writer will not make.
function patchHeader(tar: Buffer, block: number, offset: number, value: Buffer): void {
  const start = block * 512;
  value.copy(tar, start + offset);
  tar.fill(0x20, start + 148, start + 156);
  let sum = 0;
  for (let i = start; i < start + 512; i++) sum += tar[i]!;
  tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, start + 148, 'latin1');
}

describe('TarParser', () => {
  it.each([
    ['pax long names, whole blocks', {}, 512],
    ['GNU long names, odd chunks', { longNames: 'gnu' as const }, 77],
    ['pax long names, one chunk', {}, 1 << 20],
  ])('reads %s', (_, options, chunkSize) => {
    // Act
    const entries = parse(buildTar(ENTRIES, options), chunkSize);
    // Assess
    expect(summary(entries)).toEqual(EXPECTED);
    expect(entries[2]!.linkName).toBe('PKG-INFO');
  });

  it('joins a POSIX ustar prefix to the name', () => {
    // Prepare
    const tar = buildTar([{ name: 'file.txt', data: 'x' }]);
    patchHeader(tar, 0, 345, Buffer.from('some/prefix\0'));
    // Act / Assess
    expect(parse(tar).map((e) => e.name)).toEqual(['some/prefix/file.txt']);
  });

  it('reads a GNU base-256 size', () => {
    // Prepare
    const tar = buildTar([{ name: 'f', data: 'abc' }]);
    patchHeader(tar, 0, 124, Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]));
    // Act / Assess
    expect(summary(parse(tar))).toEqual([['f', 'file', 'abc']]);
  });

  it('accepts a stream that ends between entries without end blocks', () => {
    // Act / Assess
    expect(summary(parse(buildTar(ENTRIES, { noEndBlocks: true })))).toEqual(EXPECTED);
  });

  it('keeps only wanted data and stops when told', () => {
    // Prepare
    const parser = new TarParser({ want: (h) => h.name.endsWith('PKG-INFO'), stopAfter: (e) => e.name.endsWith('PKG-INFO') });
    // Act
    parser.push(buildTar(ENTRIES));
    // Assess
    expect(parser.done).toBe(true);
    expect(summary(parser.entries)).toEqual(EXPECTED.slice(0, 2));
  });

  it.each([
    ['a traversal name', buildTar([{ name: '../../etc/cron.d/x', data: 'x' }]), "unsafe member path '../../etc/cron.d/x'"],
    ['an absolute name', buildTar([{ name: '/etc/passwd', data: 'x' }]), 'unsafe member path'],
    ['a traversal long name', buildTar([{ name: `${'a/'.repeat(60)}../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../x`, data: 'x' }]), 'unsafe member path'],
    ['a truncated entry', buildTar(ENTRIES).subarray(0, 512 * 3 + 100), 'truncated tar archive'],
    ['a truncated header', buildTar(ENTRIES).subarray(0, 300), 'truncated tar archive'],
  ])('refuses %s', (_, tar, message) => {
    // Act / Assess
    expect(() => parse(tar)).toThrow(message);
  });

  it('refuses a bad checksum', () => {
    // Prepare
    const tar = buildTar(ENTRIES);
    tar[0] = 'q'.charCodeAt(0);
    // Act / Assess
    expect(() => parse(tar)).toThrow('bad tar header checksum');
  });

  it('refuses a bad size field', () => {
    // Prepare
    const tar = buildTar([{ name: 'f', data: 'abc' }]);
    patchHeader(tar, 0, 124, Buffer.from('99999999999\0'));
    // Act / Assess
    expect(() => parse(tar)).toThrow('bad tar size field');
  });

  it.each([
    ['entries', { maxEntries: 3 }, 'more than 3 entries'],
    ['a kept entry', { maxEntrySize: 10 }, "entry 'pkg-1.0/PKG-INFO' is larger than 10 bytes"],
    ['kept bytes', { maxTotalSize: 20 }, 'more than 20 bytes kept'],
  ])('enforces the limit on %s', (_, limits, message) => {
    // Prepare
    const parser = new TarParser({ limits: { ...DEFAULT_ARCHIVE_LIMITS, ...limits } });
    // Act / Assess
    expect(() => parser.push(buildTar(ENTRIES))).toThrow(message);
  });

  it('bounds metadata records', () => {
    // Prepare: a 2 MiB GNU long name.
    const tar = buildTar([{ name: 'x'.repeat(2 * 1024 * 1024), data: '' }], { longNames: 'gnu' });
    // Act / Assess
    expect(() => parse(tar, 1 << 22)).toThrow('tar metadata record too large');
  });
});

describe('readTarGz', () => {
  it('reads a .tar.gz', async () => {
    // Act
    const entries = await readTarGz(buildTarGz(ENTRIES));
    // Assess
    expect(summary(entries)).toEqual(EXPECTED);
  });

  it('stops decompressing a gzip bomb at the total limit', async () => {
    // Prepare: 64 MiB of zeros, about 64 KiB compressed.
    const bomb = buildTarGz([{ name: 'zeros', data: Buffer.alloc(64 * 1024 * 1024) }]);
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxTotalSize: 1024 * 1024 };
    // Act / Assess: kept or skipped, the bytes count.
    await expect(readTarGz(bomb, { limits })).rejects.toThrow('more than 1048576 bytes kept');
    await expect(readTarGz(bomb, { limits, want: () => false })).rejects.toThrow('more than 1048576 bytes uncompressed');
  });

  it('returns early once the wanted entry is read, however large the rest', async () => {
    // Prepare
    const archive = buildTarGz([...ENTRIES.slice(0, 2), { name: 'pkg-1.0/zeros', data: Buffer.alloc(64 * 1024 * 1024) }]);
    // Act
    const entries = await readTarGz(archive, {
      limits: { ...DEFAULT_ARCHIVE_LIMITS, maxTotalSize: 1024 * 1024 },
      want: (h) => h.name.endsWith('PKG-INFO'),
      stopAfter: (e) => e.name.endsWith('PKG-INFO'),
    });
    // Assess
    expect(summary(entries)).toEqual(EXPECTED.slice(0, 2));
  });

  it.each([
    ['not gzip', Buffer.from('plain text'), 'not a gzip file'],
    ['truncated gzip', buildTarGz(ENTRIES).subarray(0, 60), 'Invalid archive'],
    ['corrupt gzip', Buffer.concat([buildTarGz(ENTRIES).subarray(0, 12), Buffer.alloc(200, 0xff)]), 'corrupt gzip data'],
    ['gzip of a non-tar', gzipSync(Buffer.alloc(1024, 7)), 'Invalid archive: bad tar checksum field'],
  ])('rejects %s', async (_, bytes, message) => {
    // Act / Assess
    await expect(readTarGz(bytes)).rejects.toThrow(message);
  });
});

describe('fuzz', () => {
  const valid = buildTar(ENTRIES);

  it('the parser on random bytes and on a valid archive with bytes changed', () => {
    const mutated = fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
      const bytes = Buffer.from(valid);
      for (const [at, value] of edits) bytes[at] = value;
      return bytes;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)), mutated), fc.integer({ min: 1, max: 700 }), (bytes, chunk) =>
        returnsOrRejectsCleanly(() => parse(bytes, chunk)),
      ),
      { numRuns: 1000 },
    );
  });

  it('readTarGz on random and damaged gzip', async () => {
    const gz = buildTarGz(ENTRIES);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.nat(gz.length).map((end) => gz.subarray(0, end))), (bytes) =>
        resolvesOrRejectsCleanly(() => readTarGz(bytes)),
      ),
      { numRuns: 200 },
    );
  });
});
