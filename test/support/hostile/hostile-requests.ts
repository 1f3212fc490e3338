import { randomUUID } from 'node:crypto';
import type { HeaderParam, Route } from '../../../layers/http/route';
import { requestFields, type Field } from '../../../layers/http/schema/fields';
import { deeplyNested, hostileValues, type HostileValue } from './hostile-values';

/** One request of the corpus, ready to send. */
export interface HostileRequest {
  /** `METHOD /path/template/` of the route it exercises. */
  route: string;
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  expect: HostileValue['expect'];
}

/** A body field: a JS value, raw JSON text, or a small file part. */
type Part = { value: unknown } | { raw: string } | { file: Buffer };

const FILE: Part = { file: Buffer.from('hostile corpus file\n') };
const BOUNDARY = 'hostileCorpusBoundary7MA4YWxkTrZu0gW';

/** Headers a route's declared headers need to pass, by name (the corpus only knows these few). */
const VALID_HEADERS: Record<string, string> = { 'content-range': 'bytes 0-19/20' };

let serial = 0;

/** A value the field accepts, for the fields a body needs so that only the hostile field is wrong. */
function validValue(field: Field): Part {
  serial += 1;
  switch (field.kind) {
    case 'string': {
      if (field.format === 'url') return { value: 'http://127.0.0.1:1/PULP_MANIFEST' };
      if (field.format === 'path') return { value: `hostile/${serial}.txt` };
      const candidates = [`hc-${serial}`, `hc_${serial}`, '0'.repeat(64)];
      const pattern = field.pattern === undefined ? undefined : new RegExp(field.pattern);
      return { value: candidates.find((c) => !pattern || pattern.test(c)) ?? candidates[0] };
    }
    case 'integer':
    case 'number':
      return { value: Math.max(field.minimum ?? 1, 1) };
    case 'boolean':
      return { value: false };
    case 'enum':
      return { value: field.choices?.[0] };
    case 'dateTime':
      return { value: new Date().toISOString() };
    case 'uuid':
      return { value: randomUUID() };
    case 'labels':
    case 'json':
      return { value: {} };
    case 'array':
      return { value: [] };
    case 'file':
      return FILE;
    case 'href':
      return { value: '/pulp/api/v3/' };
  }
}

/** The fields a valid body needs (files only where the body is a form). */
function baseBody(fields: Record<string, Field>, partial: boolean, form: boolean): Record<string, Part> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, field]) => (field.kind === 'file' ? form : field.required && !partial))
      .map(([name, field]) => [name, validValue(field)]),
  );
}

const TEXT_KINDS: ReadonlySet<Field['kind']> = new Set(['string', 'href', 'enum', 'uuid', 'dateTime']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a form can carry the hostile value: on a form every value is text, so a number for
 * a text field is just digits, and UTF-8 on the wire cannot carry a lone surrogate.
 */
function formCarries(field: Field, hostile: HostileValue): boolean {
  if (typeof hostile.value === 'string') return !LONE_SURROGATE.test(hostile.value);
  return !TEXT_KINDS.has(field.kind);
}

function jsonText(parts: Record<string, Part>): string {
  const entries = Object.entries(parts).map(([name, part]) => {
    const text = 'raw' in part ? part.raw : 'value' in part ? JSON.stringify(part.value) : '"(file)"';
    return `${JSON.stringify(name)}:${text}`;
  });
  return `{${entries.join(',')}}`;
}

/** A multipart body as pulp-glue sends one: dicts and lists as JSON text, strings as they are. */
export function multipart(parts: Record<string, Part>, boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, part] of Object.entries(parts)) {
    const disposition = `Content-Disposition: form-data; name="${name}"`;
    if ('file' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\n${disposition}; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`), part.file, Buffer.from('\r\n'));
      continue;
    }
    const text = 'raw' in part ? part.raw : typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n\r\n${text}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** Fills `{id}`-style placeholders: `seeded` knows objects made beforehand; anything else gets a fresh id. */
export function concretePath(route: Route<unknown>, seeded: (collection: string) => string | undefined): string {
  const at = route.path.indexOf('{');
  if (at < 0) return route.path;
  const object = seeded(route.path.slice(0, at));
  const rest = route.path.slice(at).replace(/^\{[^}]+\}\//, '');
  const head = object ?? `${route.path.slice(0, at)}${randomUUID()}/`;
  return `${head}${rest}`.replace(/\{number\}/g, '0').replace(/\{[^}]+\}/g, randomUUID());
}

function requiredHeaders(headers: HeaderParam[] | undefined): Record<string, string> {
  return Object.fromEntries((headers ?? []).filter((h) => h.required).map((h) => [h.name, VALID_HEADERS[h.name.toLowerCase()] ?? 'x']));
}

/** The hostile requests of one write route, generated from its declared body schema. */
export function hostileRequests(route: Route<unknown>, path: string): HostileRequest[] {
  if (!route.body) return [];
  const fields = requestFields(route.body.schema);
  const partial = route.body.partial ?? route.method === 'PATCH';
  const types = route.body.contentTypes;
  const viaForm = !types.includes('application/json');
  const base = baseBody(fields, partial, viaForm);
  const takesForm = types.includes('multipart/form-data');
  const id = `${route.method} ${route.path}`;
  const headers = requiredHeaders(route.headers);
  const out: HostileRequest[] = [];
  const send = (label: string, contentType: string | undefined, body: Buffer | string, expect: HostileValue['expect'] = 'refused', extra: Record<string, string> = {}) =>
    out.push({
      route: id,
      label,
      method: route.method,
      path,
      headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}), ...extra },
      body: Buffer.isBuffer(body) ? body : Buffer.from(body),
      expect,
    });
  const encode = (parts: Record<string, Part>, form: boolean): [string, Buffer] =>
    form ? [MULTIPART, multipart(parts)] : ['application/json', Buffer.from(jsonText(parts))];

  for (const [name, field] of Object.entries(fields)) {
    for (const hostile of hostileValues(field)) {
      const part: Part = hostile.raw !== undefined ? { raw: hostile.raw } : { value: hostile.value };
      const parts = { ...base, [name]: part };
      if (!viaForm || formCarries(field, hostile)) send(`${name}: ${hostile.label}`, ...encode(parts, viaForm), hostile.expect);
      // Form fields arrive as text and are coerced: the same text values through multipart too.
      const text = typeof hostile.value === 'string' && hostile.value.length < 10_000 && formCarries(field, hostile);
      if (!viaForm && takesForm && text && hostile.expect === 'refused') send(`${name}: ${hostile.label} (multipart)`, ...encode(parts, true));
    }
  }

  const withBase = (extra: Record<string, Part>) => encode({ ...base, ...extra }, viaForm);
  send('an unknown field', ...withBase({ x: { value: 1 } }));
  send('10,000 unknown fields', ...withBase(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`unknown${i}`, { value: i }]))));
  send('a megabyte field name', ...withBase({ ['n'.repeat(1024 * 1024)]: { value: 1 } }));
  send('a __proto__ field', ...withBase({ ['__proto__']: { value: { polluted: true } } }));
  send('a constructor field', ...withBase({ constructor: { value: 1 } }));
  send('a toString field', ...withBase({ toString: { value: 'x' } }));
  send('a deeply nested unknown field', ...withBase({ x: { raw: deeplyNested() } }));
  if (!partial && Object.values(fields).some((f) => f.required)) {
    send('an empty JSON body', 'application/json', '');
    send('an empty JSON object', 'application/json', '{}');
  }

  const json = 'application/json';
  send('malformed JSON', json, '{"a":');
  send('a trailing comma', json, '{"a":1,}');
  send('two JSON documents', json, '{}{}');
  send('a top-level list', json, '[]');
  send('a top-level string', json, '"x"');
  send('a top-level null', json, 'null');
  send('a bare NUL', json, '\u0000');
  send('invalid UTF-8', json, Buffer.from([0xff, 0xfe, 0x7b, 0x7d]));
  send('UTF-16 with a BOM', json, Buffer.from('\ufeff{}', 'utf16le'));
  send('a UTF-8 BOM', json, `\ufeff${jsonText(base)}`);
  send('a body nested 100,000 deep', json, deeplyNested());
  const valid = encode(base, viaForm)[1];
  send('text/plain', 'text/plain', valid);
  send('application/xml', 'application/xml', '<a/>');
  send('no content type', undefined, valid);
  send('a content type with junk parameters', `application/json; charset=${'x'.repeat(5000)}`, '{"a":');

  if (takesForm) {
    const part = (name: string, text: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${text}\r\n`;
    send('multipart without a boundary', 'multipart/form-data', valid);
    send('multipart with another boundary', 'multipart/form-data; boundary=other', valid);
    send('multipart without the closing boundary', MULTIPART, part('x', 'y'));
    send('multipart part without a name', MULTIPART, `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${BOUNDARY}--\r\n`);
    send('multipart part headers never end', MULTIPART, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n`);
    send('multipart part that is not form-data', MULTIPART, `--${BOUNDARY}\r\nContent-Disposition: attachment; name="x"\r\n\r\ny\r\n--${BOUNDARY}--\r\n`);
    send('multipart with binary garbage', MULTIPART, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    send('multipart with 10,000 parts', MULTIPART, `${Array.from({ length: 10_000 }, (_, i) => part(`p${i}`, 'v')).join('')}--${BOUNDARY}--\r\n`);
    send('multipart part name with a NUL', MULTIPART, `${part('a\u0000b', 'v')}--${BOUNDARY}--\r\n`);
  }
  if (types.includes('application/x-www-form-urlencoded')) {
    const form = 'application/x-www-form-urlencoded';
    send('urlencoded unknown field', form, 'x=1');
    send('urlencoded malformed escapes', form, '%zz=%ff&%00=1');
    send('urlencoded NUL value', form, Object.keys(fields)[0] ? `${Object.keys(fields)[0]}=%00` : '%00=1');
  }

  for (const header of route.headers ?? []) {
    const bad = ['bytes 5-1/10', 'bytes 0-20/20', 'bytes -1-5/10', 'bytes 0-99999999999999999999/100000000000000000000', 'bytes=0-19/20', 'items 0-19/20', 'bytes 0-19/*x'];
    // Arabic-Indic digits, as the UTF-8 bytes a client would put on the wire.
    bad.push(Buffer.from('bytes ٠-١٩/٢٠').toString('latin1'));
    const [contentType, body] = encode(base, true);
    for (const value of bad) send(`${header.name}: ${value}`, contentType, body, 'refused', { [header.name]: value });
    if (header.required) out.push({ route: id, label: `${header.name}: missing`, method: route.method, path, headers: { 'content-type': contentType }, body, expect: 'refused' });
  }
  return out;
}
