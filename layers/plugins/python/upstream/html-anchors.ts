// The anchors of a simple index HTML page (PEP 503): attributes and text, entities decoded, and
// the page's `<base href>` if it has one. A tolerant reader for machine-written pages, not an
// HTML parser: comments and scripts are skipped, anything else that is not an anchor ignored.

export interface Anchor {
  /** Attribute names lower-cased; a bare attribute (`data-yanked`) has the value ''. */
  attributes: Record<string, string>;
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const name = body.toLowerCase();
    return Object.hasOwn(NAMED, name) ? NAMED[name]! : whole;
  });
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributesOf(source: string): Record<string, string> {
  // No prototype: an attribute named `__proto__` or `constructor` is an attribute like any other.
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    // The first of repeated attributes counts, as in browsers.
    if (!Object.hasOwn(attributes, name)) attributes[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

const stripTags = (html: string): string => html.replace(/<[^>]*>/g, '');

/** The anchors of a page, in order, and its base URL (`<base href>`) when it declares one. */
export function readAnchors(html: string): { anchors: Anchor[]; base: string | null } {
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '');
  const base = /<base\b([^>]*)>/i.exec(cleaned);
  const anchors: Anchor[] = [];
  for (const m of cleaned.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    anchors.push({ attributes: attributesOf(m[1]!), text: decodeEntities(stripTags(m[2]!)).trim() });
  }
  return { anchors, base: base ? (attributesOf(base[1]!).href ?? null) : null };
}
