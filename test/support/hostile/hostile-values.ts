import type { Field } from '../../../layers/http/schema/fields';
import { DEFAULT_MAX_LENGTH, LABEL_LIMITS, MAX_JSON_BYTES, MAX_JSON_DEPTH } from '../../../layers/http/schema/limits';

/**
 * One hostile value for one field. `raw` is JSON text for what a JS value cannot carry
 * (`1e400`, nesting deeper than a recursive serialiser survives); form bodies send it as is.
 * `refused` values must be answered 4xx with nothing changed; `edge` values are legal but
 * extreme (a string of 3-byte characters at the length limit): they may be accepted, never 5xx.
 */
export interface HostileValue {
  label: string;
  value?: unknown;
  raw?: string;
  expect: 'refused' | 'edge';
}

const refused = (label: string, value: unknown): HostileValue => ({ label, value, expect: 'refused' });
const refusedRaw = (label: string, raw: string): HostileValue => ({ label, raw, expect: 'refused' });
const edge = (label: string, value: unknown): HostileValue => ({ label, value, expect: 'edge' });

const MEGABYTE = 1024 * 1024;
const DEEP = 100_000;

/** `[[[…]]]` nested far past any sane depth. */
export const deeplyNested = (depth = DEEP): string => '['.repeat(depth) + ']'.repeat(depth);

const WRONG_TYPES: Array<[string, unknown]> = [
  ['a number', 42],
  ['a boolean', true],
  ['an object', { a: 'b' }],
  ['a list', ['a']],
];

/** Strings any text field must refuse: Postgres cannot store them or they smuggle structure. */
export function hostileText(field: Field): HostileValue[] {
  const limit = field.maxLength ?? DEFAULT_MAX_LENGTH;
  const cases: HostileValue[] = [
    refused('a NUL', 'a\u0000b'),
    refused('a lone high surrogate', 'a\ud800b'),
    refused('a lone low surrogate', '\udc00z'),
    refused('a control character', 'a\u0001b'),
    refused('an escape character', 'a\u001b[31mb'),
    refused('a DEL', 'a\u007fb'),
    refused('one character too many', 'x'.repeat(limit + 1)),
    refused('a megabyte', 'y'.repeat(MEGABYTE)),
    edge('the longest string of 3-byte characters', '€'.repeat(limit)),
    edge('the longest string of 4-byte characters', '😀'.repeat(Math.floor(limit / 2))),
  ];
  if (!field.multiline) cases.push(refused('a line break', 'a\nb'), refused('a carriage return', 'a\r\nb'), refused('a tab', 'a\tb'));
  if (!field.allowBlank && !field.nullable) cases.push(refused('only whitespace', ' \t  '));
  if (field.format === 'path') cases.push(...hostilePaths());
  if (field.format === 'url') cases.push(...hostileUrls());
  return cases;
}

/** Traversal and unservable shapes for fields naming a relative path. */
export function hostilePaths(): HostileValue[] {
  const paths: Array<[string, string]> = [
    ['a parent segment', '../x'],
    ['a nested parent segment', 'a/../../b'],
    ['a trailing parent segment', 'a/..'],
    ['a dot segment', 'a/./b'],
    ['only dots', '..'],
    ['an absolute path', '/etc/passwd'],
    ['an empty segment', 'a//b'],
    ['a trailing slash', 'a/'],
    ['encoded dots', '%2e%2e/x'],
    ['encoded upper-case dots', 'a/%2E%2E/b'],
    ['half-encoded dots', '.%2e/x'],
    ['an encoded slash', 'a%2f..%2fb'],
    ['backslashes', 'a\\..\\b'],
    ['a UNC path', '\\\\server\\share'],
    ['a drive letter', 'C:\\Windows'],
  ];
  return paths.map(([label, path]) => refused(label, path));
}

/** What a server-side fetch must never be pointed at. */
export function hostileUrls(): HostileValue[] {
  const urls: Array<[string, string]> = [
    ['a file URL', 'file:///etc/passwd'],
    ['an ftp URL', 'ftp://127.0.0.1/x'],
    ['a gopher URL', 'gopher://127.0.0.1:6379/_INFO'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a data URL', 'data:text/plain,hello'],
    ['header injection', 'http://h/x\r\nX-Injected: 1'],
    ['a space inside', 'http://h/a b'],
    ['not a URL', 'not a url'],
    ['a scheme-relative URL', '//127.0.0.1/x'],
    ['no host', 'http://'],
  ];
  return urls.map(([label, url]) => refused(label, url));
}

function hostileInteger(field: Field): HostileValue[] {
  const cases = [
    refused('a string', 'ten'),
    refused('a fraction', 1.5),
    refused('beyond 2^53', 2 ** 60),
    refused('below -2^53', -(2 ** 60)),
    refusedRaw('1e400', '1e400'),
    refused('an object', {}),
    refused('a list', [1]),
    refused('a boolean', true),
  ];
  if (field.minimum !== undefined) cases.push(refused('below the minimum', field.minimum - 1));
  if (field.maximum !== undefined) cases.push(refused('above the maximum', field.maximum + 1));
  return cases;
}

function hostileNumber(field: Field): HostileValue[] {
  const cases = [refused('a string', 'soon'), refusedRaw('1e400', '1e400'), refused('an object', {}), refused('a list', [1]), refused('a boolean', false)];
  if (field.minimum !== undefined) cases.push(refused('below the minimum', field.minimum - 0.5));
  if (field.maximum !== undefined) cases.push(refused('above the maximum', field.maximum + 0.5));
  return cases;
}

function hostileLabels(): HostileValue[] {
  const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v']));
  return [
    refused('a list', ['a']),
    refused('a string', 'a=b'),
    refused('a number', 1),
    refused('a number value', { a: 1 }),
    refused('an object value', { a: { b: 'c' } }),
    refused('an empty key', { '': 'v' }),
    refused('a NUL in a key', { 'a\u0000': 'b' }),
    refused('a NUL in a value', { a: 'b\u0000' }),
    refused('a lone surrogate key', { '\ud800': 'b' }),
    refused('a lone surrogate value', { a: '\udfff' }),
    refused('a control character in a value', { a: 'b\u0007' }),
    refused('a selector operator in a key', { 'a=b': 'c' }),
    refused('a comma in a key', { 'a,b': 'c' }),
    refused('parentheses in a value', { a: '(b)' }),
    refused('10,000 labels', many),
    refused(`${LABEL_LIMITS.count + 1} labels`, Object.fromEntries(Array.from({ length: LABEL_LIMITS.count + 1 }, (_, i) => [`k${i}`, 'v']))),
    refused('a key one character too long', { ['k'.repeat(LABEL_LIMITS.keyLength + 1)]: 'v' }),
    refused('a value one character too long', { k: 'v'.repeat(LABEL_LIMITS.valueLength + 1) }),
    refused('a megabyte value', { k: 'v'.repeat(MEGABYTE) }),
    edge('the longest key of 3-byte characters', { ['é'.repeat(LABEL_LIMITS.keyLength)]: 'v' }),
    edge('the longest value of 3-byte characters', { k: '€'.repeat(LABEL_LIMITS.valueLength) }),
  ];
}

function hostileJson(): HostileValue[] {
  return [
    refusedRaw('nesting 100,000 deep', deeplyNested()),
    refusedRaw(`nesting ${MAX_JSON_DEPTH + 1} deep`, deeplyNested(MAX_JSON_DEPTH + 1)),
    refused('a NUL inside', { a: ['b\u0000'] }),
    refused('a lone surrogate key inside', { '\ud800': 'x' }),
    refused('a control character inside', { a: 'b\u0008' }),
    refused('more than the size bound', { a: 'z'.repeat(MAX_JSON_BYTES + 1) }),
  ];
}

/** The hostile values of one field, by its declared kind and options. */
export function hostileValues(field: Field): HostileValue[] {
  switch (field.kind) {
    case 'string':
      return [...WRONG_TYPES.map(([label, value]) => refused(label, value)), ...hostileText(field)];
    case 'href':
      return [
        ...WRONG_TYPES.map(([label, value]) => refused(label, value)),
        ...hostileText(field).filter((c) => c.expect === 'refused'),
        refused('an absolute URL', 'http://evil.example/pulp/api/v3/repositories/'),
        refused('a traversal', '/pulp/api/v3/../../../etc/passwd'),
        refused('a javascript URL', 'javascript:alert(1)'),
        refused('an unknown PRN', 'prn:nothing.nothing:00000000-0000-0000-0000-000000000000'),
      ];
    case 'enum':
      return [refused('no choice', 'nope'), refused('a number', 1), refused('a NUL', 'a\u0000'), refused('a lone surrogate', '\ud800'), refused('a list', [])];
    case 'uuid':
      return [refused('not a uuid', 'nope'), refused('a number', 7), refused('a NUL', '\u0000')];
    case 'integer':
      return hostileInteger(field);
    case 'number':
      return hostileNumber(field);
    case 'boolean':
      return [refused('a word', 'perhaps'), refused('a number', 2), refused('an object', {}), refused('a list', [true])];
    case 'dateTime':
      return [refused('a word', 'yesterday'), refused('February 30th', '2024-02-30T00:00:00Z'), refused('a number', 1700000000), refused('a NUL', '2024-01-01\u0000')];
    case 'labels':
      return hostileLabels();
    case 'json':
      return hostileJson();
    case 'file':
      return [refused('a string', 'file.txt'), refused('an object', { filename: 'a', data: 'b' }), refused('a number', 1)];
    case 'array': {
      const item = field.items ?? { kind: 'json' };
      const items = hostileValues(item).filter((c) => c.expect === 'refused' && c.raw === undefined);
      return [
        refused('a string', 'abc'),
        refused('an object', { a: 1 }),
        refused('a number', 3),
        refused('20,000 bad items', Array.from({ length: 20_000 }, () => items[0]?.value ?? 42)),
        ...items.slice(0, 12).map((c) => refused(`an item that is ${c.label}`, [c.value])),
      ];
    }
  }
}
