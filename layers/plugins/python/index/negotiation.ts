// Content negotiation for the simple index (PEP 691): the Accept header with its q-values, or
// `?format=` when given, picks one of three types. Ties, `*/*`, nothing acceptable or no header
// at all give text/html; there is never a 406 (pip and old clients must always get a page).

export const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';
export const SIMPLE_HTML = 'application/vnd.pypi.simple.v1+html';
export const TEXT_HTML = 'text/html';

export type SimpleContentType = typeof SIMPLE_JSON | typeof SIMPLE_HTML | typeof TEXT_HTML;

/** Index responses vary with this request header (caches must key on it). */
export const VARY = 'Accept';

// Server preference, used to break ties between equal q-values.
const OFFERS: readonly SimpleContentType[] = [TEXT_HTML, SIMPLE_HTML, SIMPLE_JSON];

// `latest` stands for the newest API version this server speaks (v1).
// A Map: a client's `__proto__` must not find Object's prototype.
const ALIASES = new Map<string, string>([
  ['application/vnd.pypi.simple.latest+json', SIMPLE_JSON],
  ['application/vnd.pypi.simple.latest+html', SIMPLE_HTML],
]);

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType = '', ...params] = part.split(';').map((piece) => piece.trim());
    const full = (ALIASES.get(mediaType.toLowerCase()) ?? mediaType).toLowerCase();
    const slash = full.indexOf('/');
    if (slash <= 0 || slash === full.length - 1) continue;
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=').map((piece) => piece.trim());
      // A malformed q-value makes the range unusable rather than preferred.
      if (key.toLowerCase() === 'q') q = Q_VALUE.test(value) ? Number(value) : 0;
    }
    ranges.push({ type: full.slice(0, slash), subtype: full.slice(slash + 1), q });
  }
  return ranges;
}

// The q-value the most specific matching range gives an offer (RFC 9110 §12.5.1).
function qualityOf(offer: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = offer.split('/') as [string, string];
  let best: { specificity: number; q: number } | null = null;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/** Picks the response type for an Accept header (and optional `?format=` value). */
export function negotiateSimpleContentType(accept: string | null | undefined, format?: string | null): SimpleContentType {
  const header = format ? format : accept;
  if (!header) return TEXT_HTML;
  const ranges = parseAccept(header);
  let chosen: SimpleContentType = TEXT_HTML;
  let chosenQ = 0;
  for (const offer of OFFERS) {
    const q = qualityOf(offer, ranges);
    if (q > chosenQ) {
      chosen = offer;
      chosenQ = q;
    }
  }
  return chosen;
}

export const isJsonType = (type: SimpleContentType): boolean => type === SIMPLE_JSON;
