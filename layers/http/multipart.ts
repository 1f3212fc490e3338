import type { UploadedFile } from './route';

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Reads `key=value; key2="quoted \"value\""` parameters of a header such as Content-Type or
 * Content-Disposition. Keys are lower-cased; the first element is the bare value.
 */
export function parseHeaderParams(header: string): { value: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let i = header.indexOf(';');
  const value = (i < 0 ? header : header.slice(0, i)).trim().toLowerCase();
  while (i >= 0 && i < header.length) {
    i += 1; // skip ';'
    const eq = header.indexOf('=', i);
    if (eq < 0) break;
    const key = header.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (header[j] === ' ') j += 1;
    let val = '';
    if (header[j] === '"') {
      j += 1;
      while (j < header.length && header[j] !== '"') {
        if (header[j] === '\\' && j + 1 < header.length) j += 1;
        val += header[j];
        j += 1;
      }
      j = header.indexOf(';', j);
    } else {
      const end = header.indexOf(';', j);
      val = (end < 0 ? header.slice(j) : header.slice(j, end)).trim();
      j = end;
    }
    if (key) params[key] = val;
    i = j;
  }
  return { value, params };
}

function parsePartHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits a multipart body into parts; binary-safe (works on the Buffer, never on text). */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  if (!boundary) throw new MultipartError('Invalid boundary in multipart: None');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('Missing opening boundary');
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError('Malformed boundary line');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new MultipartError('Unterminated part headers');
    const headers = parsePartHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
    if (next < 0) throw new MultipartError('Missing closing boundary');
    const disposition = parseHeaderParams(headers['content-disposition'] ?? '');
    const name = disposition.params['name'];
    if (disposition.value !== 'form-data' || name === undefined)
      throw new MultipartError('Part without a form-data name');
    const part: MultipartPart = { name, data: Buffer.from(body.subarray(dataStart, next)) };
    if (disposition.params['filename'] !== undefined) part.filename = disposition.params['filename'];
    if (headers['content-type'] !== undefined) part.contentType = headers['content-type'];
    parts.push(part);
    pos = next + CRLF.length;
  }
}

/** Parts with a filename are files; others are text fields (repeated names collect into a list). */
export function splitMultipart(parts: MultipartPart[]): {
  fields: Record<string, string | string[]>;
  files: Record<string, UploadedFile>;
} {
  // No prototype: a part named `__proto__` stays a (refused) field instead of setting the prototype.
  const fields: Record<string, string | string[]> = Object.create(null);
  const files: Record<string, UploadedFile> = Object.create(null);
  for (const part of parts) {
    if (part.filename !== undefined) {
      files[part.name] = {
        // Django keeps only the basename of a client-side path.
        filename: part.filename.split(/[\\/]/).pop() ?? part.filename,
        contentType: part.contentType ?? 'application/octet-stream',
        data: part.data,
      };
      continue;
    }
    const text = part.data.toString('utf8');
    const existing = fields[part.name];
    if (existing === undefined) fields[part.name] = text;
    else fields[part.name] = Array.isArray(existing) ? [...existing, text] : [existing, text];
  }
  return { fields, files };
}
