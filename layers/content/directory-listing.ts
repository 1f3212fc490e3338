import { encodeContentPath } from './content-path';
import { escapeHtml } from './escape-html';

export interface ListingEntry {
  name: string;
  isDirectory: boolean;
  size: number | null;
  /** ISO timestamp, or null when unknown (directories). */
  modified: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `02-Jan-2026 03:04`, the nginx-style date Pulp's listings show. */
export function listingDate(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '-';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Sizes as a human reads them: bytes below 1 KiB, then one decimal in K/M/G/T. */
export function listingSize(size: number | null): string {
  if (size === null) return '-';
  const units = ['K', 'M', 'G', 'T'];
  let value = size;
  let unit = '';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return unit ? `${value.toFixed(1)}${unit}` : String(size);
}

/** Directories first, then files, each by name. */
export function sortEntries(entries: ListingEntry[]): ListingEntry[] {
  return [...entries].sort((a, b) =>
    a.isDirectory !== b.isDirectory ? (a.isDirectory ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/**
 * An HTML directory index: `Index of <path>`, a `../` link, then one line per entry with its
 * date and size; names are escaped for HTML and links percent-encoded.
 */
export function renderDirectoryListing(path: string, entries: ListingEntry[], options: { parent?: boolean } = {}): string {
  const title = escapeHtml(`Index of ${path}`);
  const lines = sortEntries(entries).map((e) => {
    const label = e.isDirectory ? `${e.name}/` : e.name;
    const href = `${encodeContentPath(e.name)}${e.isDirectory ? '/' : ''}`;
    const pad = ' '.repeat(Math.max(1, 51 - label.length));
    return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>${pad}${listingDate(e.modified)}  ${listingSize(e.isDirectory ? null : e.size).padStart(8)}`;
  });
  const parent = options.parent === false ? '' : '<a href="../">../</a>\n';
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<hr><pre>${parent}${lines.join('\n')}
</pre><hr>
</body>
</html>
`;
}
