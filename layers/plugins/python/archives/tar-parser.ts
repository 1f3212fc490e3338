// A push parser for tar streams (ustar, pax extended headers, GNU long names): fed decompressed
// chunks, it keeps the data of the entries the caller wants (bounded) and only counts the rest,
// so a large sdist never sits in memory whole.

import { archiveLimit, checkEntryPath, DEFAULT_ARCHIVE_LIMITS, invalidArchive, type ArchiveLimits } from './limits';

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarHeader {
  readonly name: string;
  readonly type: TarEntryType;
  readonly size: number;
  readonly linkName: string;
}

export interface TarEntry extends TarHeader {
  /** The content, for wanted regular files; null for the others. */
  readonly data: Buffer | null;
}

export interface TarParserOptions {
  readonly limits?: ArchiveLimits;
  /** Which regular files to keep the data of (default: all). */
  readonly want?: (header: TarHeader) => boolean;
  /** Stop reading once this is true for an entry just read (the caller has what it needs). */
  readonly stopAfter?: (entry: TarEntry) => boolean;
}

const BLOCK = 512;
// Metadata records (pax headers, GNU long names) are short; a bound keeps them cheap.
const MAX_META_SIZE = 1024 * 1024;
const TEXT = new TextDecoder('utf-8');

interface Pending {
  path?: string;
  linkPath?: string;
  size?: number;
}

type Meta = 'pax' | 'global-pax' | 'long-name' | 'long-link';

interface Current {
  header: TarHeader;
  meta: Meta | null;
  keep: boolean;
  remaining: number;
  padding: number;
  chunks: Buffer[];
}

function cString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return TEXT.decode(nul < 0 ? field : field.subarray(0, nul));
}

function numeric(block: Buffer, start: number, length: number, what: string): number {
  const field = block.subarray(start, start + length);
  // GNU base-256: high bit set, big-endian binary (sizes over 8 GiB).
  if (field[0]! & 0x80) {
    let value = BigInt(field[0]! & 0x7f);
    for (const byte of field.subarray(1)) value = (value << 8n) | BigInt(byte);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidArchive(`tar ${what} out of range`);
    return Number(value);
  }
  const text = field.toString('latin1').replace(/[\0 ]+$/, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalidArchive(`bad tar ${what} field`);
  return parseInt(text, 8);
}

function checksumMatches(block: Buffer): boolean {
  const stored = numeric(block, 148, 8, 'checksum');
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'directory',
};

const META_TYPES: Record<string, Meta> = { x: 'pax', g: 'global-pax', L: 'long-name', K: 'long-link' };

// Pax records: "<length> <key>=<value>\n", the length counting the whole record.
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(data.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= space - at || at + length > data.length) {
      throw invalidArchive('bad pax header');
    }
    const record = TEXT.decode(data.subarray(space + 1, at + length - 1));
    const equals = record.indexOf('=');
    if (equals < 0) throw invalidArchive('bad pax header');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

export class TarParser {
  readonly entries: TarEntry[] = [];
  /** True once the end-of-archive block was seen or `stopAfter` said so. */
  done = false;
  private readonly limits: ArchiveLimits;
  private readonly want: (header: TarHeader) => boolean;
  private readonly stopAfter: (entry: TarEntry) => boolean;
  private headerBytes: Buffer[] = [];
  private headerLength = 0;
  private current: Current | null = null;
  private pending: Pending = {};
  private headers = 0;
  private kept = 0;

  constructor(options: TarParserOptions = {}) {
    this.limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
    this.want = options.want ?? (() => true);
    this.stopAfter = options.stopAfter ?? (() => false);
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.current) {
        at = this.consumeData(chunk, at);
      } else {
        const take = Math.min(BLOCK - this.headerLength, chunk.length - at);
        this.headerBytes.push(chunk.subarray(at, at + take));
        this.headerLength += take;
        at += take;
        if (this.headerLength === BLOCK) {
          const block = Buffer.concat(this.headerBytes);
          this.headerBytes = [];
          this.headerLength = 0;
          this.startEntry(block);
        }
      }
    }
  }

  /** The stream ended: fine after the end block or between entries, an error mid-entry. */
  end(): void {
    if (this.done) return;
    if (this.current || this.headerLength > 0) throw invalidArchive('truncated tar archive');
    this.done = true;
  }

  private startEntry(block: Buffer): void {
    if (block.every((byte) => byte === 0)) {
      this.done = true;
      return;
    }
    if (++this.headers > this.limits.maxEntries) throw archiveLimit(`more than ${this.limits.maxEntries} entries`);
    if (!checksumMatches(block)) throw invalidArchive('bad tar header checksum');
    const typeflag = String.fromCharCode(block[156]!);
    const meta = META_TYPES[typeflag] ?? null;
    const size = meta ? numeric(block, 124, 12, 'size') : (this.pending.size ?? numeric(block, 124, 12, 'size'));
    const header = meta ? { name: '', type: 'other' as const, size, linkName: '' } : this.entryHeader(block, typeflag, size);
    if (meta && size > MAX_META_SIZE) throw archiveLimit('tar metadata record too large');
    const keep = meta !== null || (header.type === 'file' && this.want(header));
    if (keep && !meta) {
      if (size > this.limits.maxEntrySize) throw archiveLimit(`entry '${header.name}' is larger than ${this.limits.maxEntrySize} bytes`);
      if (this.kept + size > this.limits.maxTotalSize) throw archiveLimit(`more than ${this.limits.maxTotalSize} bytes kept`);
      this.kept += size;
    }
    // Directories, links and devices carry no data, whatever their size field says.
    const dataSize = meta || header.type === 'file' ? size : 0;
    this.current = { header, meta, keep, remaining: dataSize, padding: (BLOCK - (dataSize % BLOCK)) % BLOCK, chunks: [] };
    if (dataSize === 0) this.finishEntry();
  }

  private entryHeader(block: Buffer, typeflag: string, size: number): TarHeader {
    const magic = block.toString('latin1', 257, 263);
    let name = cString(block, 0, 100);
    // POSIX ustar splits long names into prefix/name; GNU ("ustar  ") uses that area otherwise.
    if (magic === 'ustar\0') {
      const prefix = cString(block, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    const pending = this.pending;
    this.pending = {};
    const header: TarHeader = {
      name: pending.path ?? name,
      type: TYPES[typeflag] ?? 'other',
      size,
      linkName: pending.linkPath ?? cString(block, 157, 100),
    };
    checkEntryPath(header.name.replace(/^(\.\/)+/, '') || '.');
    return header;
  }

  private consumeData(chunk: Buffer, at: number): number {
    const current = this.current!;
    if (current.remaining > 0) {
      const take = Math.min(current.remaining, chunk.length - at);
      if (current.keep) current.chunks.push(chunk.subarray(at, at + take));
      current.remaining -= take;
      at += take;
      if (current.remaining === 0 && current.padding === 0) this.finishEntry();
      return at;
    }
    const skip = Math.min(current.padding, chunk.length - at);
    current.padding -= skip;
    if (current.padding === 0) this.finishEntry();
    return at + skip;
  }

  private finishEntry(): void {
    const current = this.current!;
    if (current.remaining > 0 || current.padding > 0) return;
    this.current = null;
    const data = current.keep ? Buffer.concat(current.chunks) : null;
    if (current.meta) {
      this.applyMeta(current.meta, data!);
      return;
    }
    const entry: TarEntry = { ...current.header, data };
    this.entries.push(entry);
    if (this.stopAfter(entry)) this.done = true;
  }

  private applyMeta(meta: Meta, data: Buffer): void {
    if (meta === 'long-name') this.pending.path = cString(data, 0, data.length);
    else if (meta === 'long-link') this.pending.linkPath = cString(data, 0, data.length);
    else if (meta === 'pax') {
      const records = parsePax(data);
      const path = records.get('path');
      const linkPath = records.get('linkpath');
      const size = records.get('size');
      if (path !== undefined) this.pending.path = path;
      if (linkPath !== undefined) this.pending.linkPath = linkPath;
      if (size !== undefined) {
        if (!/^[0-9]+$/.test(size) || !Number.isSafeInteger(Number(size))) throw invalidArchive('bad pax size');
        this.pending.size = Number(size);
      }
    }
    // Global pax headers set defaults for the rest of the archive; nothing here needs them.
  }
}
