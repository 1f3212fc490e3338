import { isSafeRelativePath, MAX_RELATIVE_PATH_BYTES } from '../../plugin-api';

/** One line of a PULP_MANIFEST: `<relative_path>,<sha256>,<size>`. */
export interface ManifestEntry {
  relativePath: string;
  sha256: string;
  size: number;
}

export class ManifestParseError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`Parsing of the manifest file failed on line ${line}: ${reason}`);
    this.name = 'ManifestParseError';
  }
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
const SIZE = /^\d+$/;
/** A path at its bound, a digest, a 20-digit size, separators and padding: no real line is longer. */
const MAX_LINE_LENGTH = MAX_RELATIVE_PATH_BYTES + 256;
/** What makes a whole line unreadable, before it is split into fields. */
function lineProblem(line: string): string | undefined {
  if (line.includes('\u0000')) return 'a NUL byte: the manifest is not UTF-8 text (UTF-16?)';
  if (line.includes('\ufffd')) return 'bytes that are not UTF-8 (UTF-16 or another encoding?)';
  if (line.length > MAX_LINE_LENGTH) return `a line longer than ${MAX_LINE_LENGTH} characters`;
  return undefined;
}

function parseLine(line: string, number: number): ManifestEntry {
  const second = line.lastIndexOf(',');
  const first = second > 0 ? line.lastIndexOf(',', second - 1) : -1;
  if (first < 0) throw new ManifestParseError(number, 'expected "relative_path,sha256,size"');
  const relativePath = line.slice(0, first);
  const sha256 = line.slice(first + 1, second).trim();
  const sizeText = line.slice(second + 1).trim();
  if (Buffer.byteLength(relativePath) > MAX_RELATIVE_PATH_BYTES) {
    throw new ManifestParseError(number, `a relative path longer than ${MAX_RELATIVE_PATH_BYTES} bytes`);
  }
  if (!isSafeRelativePath(relativePath)) {
    throw new ManifestParseError(number, `invalid relative path (must be relative, without empty, "." or ".." parts, backslashes or control characters)`);
  }
  if (!SHA256.test(sha256)) throw new ManifestParseError(number, 'invalid sha256 (expected 64 hexadecimal digits)');
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new ManifestParseError(number, 'invalid size (expected a whole number of bytes)');
  }
  return { relativePath, sha256: sha256.toLowerCase(), size: Number(sizeText) };
}

/**
 * Parses a PULP_MANIFEST. Like Pulp it splits each line from the right (`rsplit(',', 2)`) so
 * paths may contain commas, and skips blank and `#` lines. Line numbers are 1-based physical
 * lines, so the error points at the line a human would look at. A leading UTF-8 byte order mark
 * is dropped; anything that is not UTF-8 text, an over-long line, a bad field or a repeated
 * path fails at its line. Errors never quote the remote's text: a remote URL may point at
 * something private, and what it returned must not come back in a task error.
 */
export function parseManifest(text: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const seen = new Map<string, number>();
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  let number = 0;
  let start = 0;
  // One line at a time: a huge single line is checked for length before it is trimmed or split.
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    number += 1;
    const raw = body.slice(start, end);
    start = end + 1;
    const problem = lineProblem(raw);
    if (problem) throw new ManifestParseError(number, problem);
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const entry = parseLine(line, number);
    // Two units with one path in one version would make the version fail later, less clearly.
    const earlier = seen.get(entry.relativePath);
    if (earlier !== undefined) throw new ManifestParseError(number, `duplicate relative path (also on line ${earlier})`);
    seen.set(entry.relativePath, number);
    entries.push(entry);
  }
  return entries;
}
