// A ZIP reader for wheels, eggs and .zip sdists, over bytes in memory: the central directory is
// the index (local headers only locate data), stored and deflated entries are read, ZIP64
// records are followed, and every size is checked against the limits before and while reading.

import { crc32, inflateRawSync } from 'node:zlib';
import { archiveLimit, checkEntryPath, DEFAULT_ARCHIVE_LIMITS, invalidArchive, type ArchiveLimits } from './limits';
import { PythonClientError } from '../client-error';

export interface ZipEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  readonly zip64: boolean;
  /** The entry's bytes, inflated and checked against its size and CRC-32. */
  read(entry: ZipEntry): Buffer;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const MAX_COMMENT = 0xffff;

function findEndOfCentralDirectory(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - 22 - MAX_COMMENT);
  for (let at = view.byteLength - 22; at >= earliest; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw invalidArchive('not a ZIP file (no end of central directory)');
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidArchive(`${what} out of range`);
  return Number(value);
}

interface Directory {
  entries: number;
  size: number;
  offset: number;
  /** Bytes in front of the archive (a self-extracting .exe), as Python's zipfile allows. */
  prefix: number;
  zip64: boolean;
}

function readDirectory(view: DataView): Directory {
  const eocd = findEndOfCentralDirectory(view);
  let entries = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let recordStart = eocd;
  const locator = eocd - 20;
  const zip64 = locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR;
  if (zip64) {
    const record = safeNumber(view.getBigUint64(locator + 8, true), 'ZIP64 record offset');
    // The record sits right before its locator; the offset may be shifted by a prefix.
    const at = locator - 56;
    if (at < 0 || view.getUint32(at, true) !== ZIP64_EOCD) throw invalidArchive('broken ZIP64 end of central directory');
    if (record > at) throw invalidArchive('broken ZIP64 end of central directory');
    entries = safeNumber(view.getBigUint64(at + 32, true), 'entry count');
    size = safeNumber(view.getBigUint64(at + 40, true), 'central directory size');
    offset = safeNumber(view.getBigUint64(at + 48, true), 'central directory offset');
    recordStart = at;
  }
  const prefix = recordStart - size - offset;
  if (prefix < 0) throw invalidArchive('central directory out of bounds');
  return { entries, size, offset, prefix, zip64 };
}

// ZIP64 extra field (0x0001): the 64-bit values for whichever 32-bit fields are 0xFFFFFFFF.
function applyZip64Extra(
  view: DataView,
  start: number,
  end: number,
  sizes: { size: number; compressedSize: number; localHeaderOffset: number },
): void {
  for (let at = start; at + 4 <= end; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (at + 4 + length > end) throw invalidArchive('extra field out of bounds');
    if (id === 0x0001) {
      let field = at + 4;
      const take = (): number => {
        if (field + 8 > at + 4 + length) throw invalidArchive('short ZIP64 extra field');
        const value = safeNumber(view.getBigUint64(field, true), 'ZIP64 size');
        field += 8;
        return value;
      };
      if (sizes.size === 0xffffffff) sizes.size = take();
      if (sizes.compressedSize === 0xffffffff) sizes.compressedSize = take();
      if (sizes.localHeaderOffset === 0xffffffff) sizes.localHeaderOffset = take();
      return;
    }
    at += 4 + length;
  }
}

const NAME_DECODER = new TextDecoder('utf-8');

function readEntries(view: DataView, bytes: Uint8Array, directory: Directory, limits: ArchiveLimits): ZipEntry[] {
  if (directory.entries > limits.maxEntries) throw archiveLimit(`more than ${limits.maxEntries} entries`);
  const entries: ZipEntry[] = [];
  let at = directory.prefix + directory.offset;
  const end = at + directory.size;
  for (let i = 0; i < directory.entries; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw invalidArchive('broken central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameStart = at + 46;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > end) throw invalidArchive('broken central directory');
    const name = NAME_DECODER.decode(bytes.subarray(nameStart, nameStart + nameLength));
    checkEntryPath(name);
    if (flags & 0x1) throw new PythonClientError('unsupported-archive', `Encrypted ZIP entries are not supported: ${name}`);
    const sizes = {
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(view, nameStart + nameLength, nameStart + nameLength + extraLength, sizes);
    entries.push({
      name,
      isDirectory: name.endsWith('/'),
      method,
      crc32: view.getUint32(at + 16, true),
      ...sizes,
    });
    at = next;
  }
  return entries;
}

/** Opens a ZIP archive; throws a `PythonClientError` for anything malformed or over the limits. */
export function openZip(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22) throw invalidArchive('not a ZIP file (too short)');
  const directory = readDirectory(view);
  const entries = readEntries(view, bytes, directory, limits);
  let totalRead = 0;

  const read = (entry: ZipEntry): Buffer => {
    if (entry.size > limits.maxEntrySize) throw archiveLimit(`entry '${entry.name}' is larger than ${limits.maxEntrySize} bytes`);
    if (totalRead + entry.size > limits.maxTotalSize) throw archiveLimit(`more than ${limits.maxTotalSize} bytes uncompressed`);
    const local = directory.prefix + entry.localHeaderOffset;
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL) {
      throw invalidArchive(`broken local header for '${entry.name}'`);
    }
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > bytes.byteLength) throw invalidArchive(`truncated data for '${entry.name}'`);
    const data = inflateEntry(entry, bytes.subarray(dataStart, dataEnd));
    if (data.byteLength !== entry.size) throw invalidArchive(`size mismatch for '${entry.name}'`);
    if (crc32(data) !== entry.crc32) throw invalidArchive(`CRC-32 mismatch for '${entry.name}'`);
    totalRead += data.byteLength;
    return data;
  };

  return { entries, zip64: directory.zip64, read };
}

function inflateEntry(entry: ZipEntry, data: Uint8Array): Buffer {
  if (entry.method === STORED) return Buffer.from(data);
  if (entry.method !== DEFLATED) {
    throw new PythonClientError('unsupported-archive', `Unsupported ZIP compression method ${entry.method} for '${entry.name}'`);
  }
  try {
    // One byte over the declared size is enough to prove a lie without inflating a bomb.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size + 1) });
  } catch {
    throw invalidArchive(`corrupt or oversized deflate data for '${entry.name}'`);
  }
}
