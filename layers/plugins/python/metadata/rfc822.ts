// The RFC 822 style of core metadata files (METADATA, PKG-INFO): `Name: value` headers,
// continuation lines starting with whitespace, repeated fields, and a body after the first blank
// line. Parsed as Python's email parser (compat32) reads them, which is what pkginfo builds on.

export interface Rfc822Message {
  /** Headers in file order; a value keeps its continuation lines joined by '\n'. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  /** Everything after the blank line ending the headers, or null when there is none. */
  readonly body: string | null;
}

// A header line: a name of printable ASCII except ':' (RFC 5322), then ':'.
const HEADER = /^([\x21-\x39\x3b-\x7e]+):[ \t]*(.*)$/;

/** UTF-8 when it is valid, else Latin-1 (pkginfo's fallback for old, mis-encoded files). */
export function decodeMetadataText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

export function parseRfc822(text: string): Rfc822Message {
  const headers: [string, string][] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') {
      index++;
      break;
    }
    const last = headers[headers.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[1] += `\n${line}`;
      continue;
    }
    const match = HEADER.exec(line);
    // A line that is neither a header nor a continuation ends the headers and starts the body.
    if (!match) break;
    headers.push([match[1]!, match[2]!.trimEnd()]);
  }
  const body = index < lines.length ? lines.slice(index).join('\n') : null;
  return { headers, body };
}

/** All values of a header, case-insensitively, in file order. */
export function headerValues(message: Rfc822Message, name: string): string[] {
  const wanted = name.toLowerCase();
  return message.headers.filter(([header]) => header.toLowerCase() === wanted).map(([, value]) => value);
}
