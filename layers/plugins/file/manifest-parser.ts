import { isSafeRelativePath } from '../../plugin-api';

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

/**
 * Parses a PULP_MANIFEST. Like Pulp it splits each line from the right (`rsplit(',', 2)`) so
 * paths may contain commas, and skips blank and `#` lines. Line numbers are 1-based physical
 * lines, so the error points at the line a human would look at. Errors never quote the line:
 * a remote URL may point at something private, and its text must not come back in a task error.
 */
export function parseManifest(text: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === '' || line.startsWith('#')) return;
    const second = line.lastIndexOf(',');
    const first = second > 0 ? line.lastIndexOf(',', second - 1) : -1;
    if (first < 0) throw new ManifestParseError(number, 'expected "relative_path,sha256,size"');
    const relativePath = line.slice(0, first);
    const sha256 = line.slice(first + 1, second).trim();
    const sizeText = line.slice(second + 1).trim();
    if (!isSafeRelativePath(relativePath)) {
      throw new ManifestParseError(number, 'invalid relative path (must be relative, without empty, "." or ".." parts)');
    }
    if (!SHA256.test(sha256)) throw new ManifestParseError(number, 'invalid sha256 (expected 64 hexadecimal digits)');
    if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
      throw new ManifestParseError(number, 'invalid size (expected a whole number of bytes)');
    }
    // Two units with one path in one version would make the version fail later, less clearly.
    const earlier = seen.get(relativePath);
    if (earlier !== undefined) throw new ManifestParseError(number, `duplicate relative path (also on line ${earlier})`);
    seen.set(relativePath, number);
    entries.push({ relativePath, sha256: sha256.toLowerCase(), size: Number(sizeText) });
  });
  return entries;
}
