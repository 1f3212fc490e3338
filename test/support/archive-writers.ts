// Deterministic ZIP and tar(.gz) writers for tests: real archives (Python's zipfile and tarfile
// read them) built in memory, plus knobs to make them lie (declared sizes, ZIP64, prefixes, long
// names) for the readers' hostile-input tests. Written apart from the readers under test.

import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export interface ZipFileSpec {
  name: string;
  data: Uint8Array | string;
  method?: 'store' | 'deflate';
  /** Declare this uncompressed size instead of the real one (a lying archive). */
  declaredSize?: number;
}

export interface ZipOptions {
  /** Write ZIP64 end records and extra fields, as large archives need. */
  zip64?: boolean;
  /** Bytes before the archive (a self-extracting .exe stub). */
  prefix?: Uint8Array;
}

// 1980-01-01 00:00, the earliest DOS date: archives do not depend on the clock.
const DOS_DATE = 0x21;
const DOS_TIME = 0;

const bytesOf = (data: Uint8Array | string): Buffer => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));

export function buildZip(files: readonly ZipFileSpec[], options: ZipOptions = {}): Buffer {
  const prefix = Buffer.from(options.prefix ?? new Uint8Array());
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = bytesOf(file.data);
    const deflate = (file.method ?? 'deflate') === 'deflate' && !file.name.endsWith('/');
    const body = deflate ? deflateRawSync(data) : data;
    const size = file.declaredSize ?? data.length;
    const zip64Extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      zip64Extra.writeUInt16LE(0x0001, 0);
      zip64Extra.writeUInt16LE(24, 2);
      zip64Extra.writeBigUInt64LE(BigInt(size), 4);
      zip64Extra.writeBigUInt64LE(BigInt(body.length), 12);
      zip64Extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const big = (value: number): number => (options.zip64 ? 0xffffffff : value);
    // Local and central headers share these fields, in this order, from `at`.
    const common = (header: Buffer, at: number, compressed: number, uncompressed: number): void => {
      header.writeUInt16LE(options.zip64 ? 45 : 20, at);
      header.writeUInt16LE(0x0800, at + 2);
      header.writeUInt16LE(deflate ? 8 : 0, at + 4);
      header.writeUInt16LE(DOS_TIME, at + 6);
      header.writeUInt16LE(DOS_DATE, at + 8);
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(compressed, at + 14);
      header.writeUInt32LE(uncompressed, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4, body.length, size);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 45, 4);
    common(central, 6, big(body.length), big(size));
    central.writeUInt16LE(zip64Extra.length, 30);
    const mode = file.name.endsWith('/') ? 0o40755 : 0o100644;
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(big(offset), 42);
    centrals.push(central, name, zip64Extra);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(files.length), 24);
    record.writeBigUInt64LE(BigInt(files.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : files.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : files.length, 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([prefix, ...locals, directory, ...tail, end]);
}

export interface TarEntrySpec {
  name: string;
  data?: Uint8Array | string;
  type?: 'file' | 'directory' | 'symlink';
  linkName?: string;
  /** Declare this size in the header instead of the real one (a lying archive). */
  declaredSize?: number;
}

export interface TarOptions {
  /** How names over 100 bytes are written: pax `path` records (default) or GNU `L` entries. */
  longNames?: 'pax' | 'gnu';
  /** Leave off the two end-of-archive blocks. */
  noEndBlocks?: boolean;
}

// A fixed mtime (2023-11-14) keeps builds identical and after 1980 (zip's epoch, for wheels
// built from the sdist's files).
const MTIME = 1_700_000_000;
const TYPEFLAGS = { file: '0', directory: '5', symlink: '2' } as const;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, typeflag: string, linkName = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(typeflag === '5' ? 0o755 : 0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(MTIME, 12), 136, 'latin1');
  block.write('        ', 148, 'latin1');
  block.write(typeflag, 156, 'latin1');
  block.write(linkName, 157, 100, 'utf8');
  block.write('ustar\0' + '00', 257, 'latin1');
  block.write('root', 265, 'latin1');
  block.write('root', 297, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${octal(sum, 7)} `, 148, 'latin1');
  return block;
}

const padded = (data: Buffer): Buffer => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length++;
  return `${length}${body}`;
}

export function buildTar(entries: readonly TarEntrySpec[], options: TarOptions = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const data = bytesOf(entry.data ?? '');
    let name = entry.name;
    if (Buffer.byteLength(name) > 100) {
      if (options.longNames === 'gnu') {
        const long = Buffer.from(`${name}\0`, 'utf8');
        blocks.push(header('././@LongLink', long.length, 'L'), padded(long));
      } else {
        const pax = Buffer.from(paxRecord('path', name), 'utf8');
        blocks.push(header(`PaxHeaders/${name.slice(-80)}`, pax.length, 'x'), padded(pax));
      }
      name = name.slice(0, 100);
    }
    blocks.push(header(name, entry.declaredSize ?? (type === 'file' ? data.length : 0), TYPEFLAGS[type], entry.linkName));
    if (type === 'file') blocks.push(padded(data));
  }
  if (!options.noEndBlocks) blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** gzip with zlib's fixed header (mtime 0): the same bytes for the same input. */
export function buildTarGz(entries: readonly TarEntrySpec[], options: TarOptions = {}): Buffer {
  return gzipSync(buildTar(entries, options), { level: 9 });
}
