import { describe, expect, it } from 'vitest';
import { f, schema } from '../../../../layers/http/schema/fields';
import { DEFAULT_MAX_LENGTH } from '../../../../layers/http/schema/limits';
import { PATH_ERROR, URL_SCHEME_ERROR } from '../../../../layers/http/schema/text-formats';
import { parseDateTime, validateBody } from '../../../../layers/http/schema/validate';

const repository = schema('file.FileRepository', {
  pulp_href: f.href({ readOnly: true }),
  name: f.string({ required: true }),
  description: f.string({ nullable: true }),
  retain_repo_versions: f.integer({ nullable: true, minimum: 1 }),
  autopublish: f.boolean({ default: false }),
  policy: f.enum(['immediate', 'on_demand', 'streamed'], { default: 'immediate' }),
  pulp_labels: f.labels({ default: {} }),
  remote: f.href({ nullable: true }),
  add_content_units: f.array(f.href()),
  headers: f.json(),
  password: f.string({ writeOnly: true }),
  file: f.file(),
  includes: f.array(f.string(), { formJsonOnly: true }),
});

describe('validateBody', () => {
  it('applies defaults and drops readOnly input when not partial', () => {
    // Prepare
    const input = { name: 'r', pulp_href: '/ignored/' };

    // Act
    const result = validateBody(repository, input, { partial: false, source: 'json' });

    // Assess
    expect(result).toEqual({
      ok: true,
      value: { name: 'r', autopublish: false, policy: 'immediate', pulp_labels: {} },
    });
  });

  it('neither requires fields nor applies defaults when partial', () => {
    // Prepare
    const input = { description: 'd' };

    // Act
    const result = validateBody(repository, input, { partial: true, source: 'json' });

    // Assess
    expect(result).toEqual({ ok: true, value: { description: 'd' } });
  });

  it('does not share default objects between calls', () => {
    // Prepare
    const first = validateBody(repository, { name: 'a' }, { partial: false, source: 'json' });

    // Act
    if (first.ok) (first.value['pulp_labels'] as Record<string, string>)['x'] = 'y';
    const second = validateBody(repository, { name: 'b' }, { partial: false, source: 'json' });

    // Assess
    expect(second.ok && second.value['pulp_labels']).toEqual({});
  });

  const errorCases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['unknown field', { name: 'r', bogus: 1 }, { bogus: 'Unexpected field' }],
    ['missing required', {}, { name: ['This field is required.'] }],
    ['null on non-nullable', { name: null }, { name: ['This field may not be null.'] }],
    ['blank string', { name: '' }, { name: ['This field may not be blank.'] }],
    ['number as string', { name: 5 }, { name: ['Not a valid string.'] }],
    ['string as integer (json)', { name: 'r', retain_repo_versions: '2' }, { retain_repo_versions: ['A valid integer is required.'] }],
    ['fractional integer', { name: 'r', retain_repo_versions: 1.5 }, { retain_repo_versions: ['A valid integer is required.'] }],
    ['below minimum', { name: 'r', retain_repo_versions: 0 }, { retain_repo_versions: ['Ensure this value is greater than or equal to 1.'] }],
    ['string as boolean (json)', { name: 'r', autopublish: 'true' }, { autopublish: ['Must be a valid boolean.'] }],
    ['bad enum', { name: 'r', policy: 'never' }, { policy: ['"never" is not a valid choice.'] }],
    ['labels not a dict', { name: 'r', pulp_labels: ['a'] }, { pulp_labels: ['Expected a dictionary of items but got type "list".'] }],
    ['labels with non-string value', { name: 'r', pulp_labels: { a: 1 } }, { pulp_labels: ["Key 'a' has a non-string value."] }],
    ['list not a list', { name: 'r', add_content_units: '/x/' }, { add_content_units: ['Expected a list of items but got type "str".'] }],
    ['bad href item', { name: 'r', add_content_units: ['nope'] }, { add_content_units: ['Item 0: Invalid hyperlink - No URL match.'] }],
    ['text where a file is expected', { name: 'r', file: 'abc' }, { file: ['The submitted data was not a file. Check the encoding type on the form.'] }],
  ];
  it.each(errorCases)('rejects %s', (_label, input, errors) => {
    // Prepare
    const opts = { partial: false, source: 'json' } as const;

    // Act
    const result = validateBody(repository, input, opts);

    // Assess
    expect(result).toEqual({ ok: false, errors });
  });

  const nullCases: Array<[string, unknown, 'json' | 'form']> = [
    ['null (json)', null, 'json'],
    ['empty string (json)', '', 'json'],
    ['empty string (form)', '', 'form'],
  ];
  it.each(nullCases)('reads %s as null on nullable fields', (_label, raw, source) => {
    // Prepare
    const input = { description: raw, remote: raw, retain_repo_versions: raw };

    // Act
    const result = validateBody(repository, input, { partial: true, source });

    // Assess
    expect(result).toEqual({ ok: true, value: { description: null, remote: null, retain_repo_versions: null } });
  });

  const formCases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['true/false words', { autopublish: 'True' }, { autopublish: true }],
    ['false word', { autopublish: 'false' }, { autopublish: false }],
    ['integers', { retain_repo_versions: '3' }, { retain_repo_versions: 3 }],
    ['JSON labels', { pulp_labels: '{"a":"b"}' }, { pulp_labels: { a: 'b' } }],
    ['JSON list', { add_content_units: '["/a/","/b/"]' }, { add_content_units: ['/a/', '/b/'] }],
    ['repeated keys as list', { add_content_units: ['/a/', '/b/'] }, { add_content_units: ['/a/', '/b/'] }],
    ['single plain list value', { add_content_units: '/a/' }, { add_content_units: ['/a/'] }],
    ['JSON value', { headers: '[{"a":"1"}]' }, { headers: [{ a: '1' }] }],
    ['JSON-only list as JSON', { includes: '["django>=4"]' }, { includes: ['django>=4'] }],
    ['last of repeated scalar keys', { description: ['x', 'y'] }, { description: 'y' }],
  ];
  it.each(formCases)('coerces form %s', (_label, input, value) => {
    // Prepare
    const opts = { partial: true, source: 'form' } as const;

    // Act
    const result = validateBody(repository, input, opts);

    // Assess
    expect(result).toEqual({ ok: true, value });
  });

  const formErrors: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['bad integer', { retain_repo_versions: 'abc' }, { retain_repo_versions: ['A valid integer is required.'] }],
    ['bad boolean', { autopublish: 'maybe' }, { autopublish: ['Must be a valid boolean.'] }],
    ['bad JSON labels', { pulp_labels: '{oops' }, { pulp_labels: ['Value must be valid JSON.'] }],
    ['plain text for a JSON-only list', { includes: 'django' }, { includes: ['Value must be valid JSON.'] }],
    ['JSON text that is not a list', { includes: '"django"' }, { includes: ['Expected a list of items but got type "str".'] }],
  ];
  it.each(formErrors)('rejects form %s', (_label, input, errors) => {
    // Prepare
    const opts = { partial: true, source: 'form' } as const;

    // Act
    const result = validateBody(repository, input, opts);

    // Assess
    expect(result).toEqual({ ok: false, errors });
  });

  const nulErrors: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['a string', { name: 'a\u0000b' }, { name: ['Null characters are not allowed.'] }],
    ['a label value', { pulp_labels: { a: '\u0000' } }, { pulp_labels: ['Null characters are not allowed.'] }],
    ['a label key', { pulp_labels: { 'a\u0000': 'b' } }, { pulp_labels: ['Null characters are not allowed.'] }],
    ['a JSON value', { headers: [{ 'x\u0000': 'y' }] }, { headers: ['Null characters are not allowed.'] }],
    ['an array item', { add_content_units: ['/a\u0000/'] }, { add_content_units: ['Item 0: Null characters are not allowed.'] }],
  ];
  it.each(nulErrors)('rejects a NUL character in %s (Postgres cannot store it)', (_label, input, errors) => {
    // Prepare
    const opts = { partial: true, source: 'json' } as const;

    // Act
    const result = validateBody(repository, input, opts);

    // Assess
    expect(result).toEqual({ ok: false, errors });
  });

  it('accepts an uploaded file for a file field', () => {
    // Prepare
    const upload = { filename: 'a.iso', contentType: 'application/octet-stream', data: Buffer.from([0, 1]) };

    // Act
    const result = validateBody(repository, { file: upload }, { partial: true, source: 'form' });

    // Assess
    expect(result).toEqual({ ok: true, value: { file: upload } });
  });
});

const hostile = schema('Hostile', {
  name: f.string({ required: true, maxLength: 255 }),
  description: f.string({ nullable: true, multiline: true, maxLength: 1000 }),
  password: f.string({ nullable: true, trim: false }),
  token: f.string(),
  relative_path: f.string({ maxLength: 100, maxBytes: 100, format: 'path' }),
  url: f.string({ format: 'url' }),
  remote: f.href({ nullable: true }),
  policy: f.enum(['immediate', 'on_demand']),
  timeout: f.number(),
  units: f.array(f.string()),
  headers: f.json(),
  pulp_labels: f.labels(),
});

describe('validateBody on hostile input', () => {
  const accepted: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['a name trimmed as DRF does', { name: '  repo \n' }, { name: 'repo' }],
    ['a password kept as sent', { password: ' p w ' }, { password: ' p w ' }],
    ['only whitespace in a nullable field as null', { description: ' \t ' }, { description: null }],
    ['line breaks and tabs in free text', { description: 'line 1\n\tline 2' }, { description: 'line 1\n\tline 2' }],
    ['a string at the default bound', { token: 't'.repeat(DEFAULT_MAX_LENGTH) }, { token: 't'.repeat(DEFAULT_MAX_LENGTH) }],
    ['a path at its byte bound', { relative_path: `${'é'.repeat(49)}/x` }, { relative_path: `${'é'.repeat(49)}/x` }],
    ['an https URL', { url: 'https://h.example/PULP_MANIFEST' }, { url: 'https://h.example/PULP_MANIFEST' }],
  ];
  it.each(accepted)('accepts %s', (_label, input, value) => {
    // Act
    const result = validateBody(hostile, input, { partial: true, source: 'json' });
    // Assess
    expect(result).toEqual({ ok: true, value });
  });

  const refused: Array<[string, Record<string, unknown>, Record<string, unknown>, 'json' | 'form']> = [
    ['a name of only whitespace', { name: ' \t\n ' }, { name: ['This field may not be blank.'] }, 'json'],
    ['a lone surrogate', { name: 'a\ud800' }, { name: ['Surrogate characters are not allowed: U+D800.'] }, 'json'],
    ['a line break in a name', { name: 'a\nb' }, { name: ['Control characters are not allowed.'] }, 'json'],
    ['a bell in free text', { description: 'a\u0007' }, { description: ['Control characters other than tabs and line breaks are not allowed.'] }, 'json'],
    ['a string past the default bound', { token: 't'.repeat(DEFAULT_MAX_LENGTH + 1) }, { token: [`Ensure this field has no more than ${DEFAULT_MAX_LENGTH} characters.`] }, 'json'],
    ['a megabyte description', { description: 'd'.repeat(1024 * 1024) }, { description: ['Ensure this field has no more than 1000 characters.'] }, 'json'],
    ['a path past its byte bound', { relative_path: 'é'.repeat(51) }, { relative_path: ['Ensure this field has no more than 100 bytes as UTF-8.'] }, 'json'],
    ['a traversal', { relative_path: 'a/../../b' }, { relative_path: [PATH_ERROR] }, 'json'],
    ['encoded dots', { relative_path: '%2e%2e/b' }, { relative_path: [PATH_ERROR] }, 'form'],
    ['a file URL', { url: 'file:///etc/passwd' }, { url: [URL_SCHEME_ERROR] }, 'json'],
    ['a control character in an href', { remote: '/pulp/api/v3/\u0001/' }, { remote: ['Control characters are not allowed.'] }, 'json'],
    ['a huge bad choice, quoted short', { policy: 'p'.repeat(1000) }, { policy: [`"${'p'.repeat(64)}…" is not a valid choice.`] }, 'json'],
    ['an infinite number from a form', { timeout: '1e400' }, { timeout: ['A valid number is required.'] }, 'form'],
    ['JSON nested too deep', { headers: JSON.parse('['.repeat(40) + ']'.repeat(40)) }, { headers: ['Ensure this value is nested no more than 32 levels deep.'] }, 'json'],
    ['a lone surrogate label key', { pulp_labels: { '\udc00': 'x' } }, { pulp_labels: ['Surrogate characters are not allowed: U+DC00.'] }, 'json'],
    ['a __proto__ field', JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"__proto__": "Unexpected field"}'), 'json'],
    ['a constructor field', { constructor: 1 }, { constructor: 'Unexpected field' }, 'json'],
    [
      'thousands of bad items, reporting ten',
      { units: Array.from({ length: 5000 }, () => 1) },
      { units: [...Array.from({ length: 10 }, (_, i) => `Item ${i}: Not a valid string.`), '…and 4990 more invalid items.'] },
      'json',
    ],
  ];
  it.each(refused)('refuses %s', (_label, input, errors, source) => {
    // Act
    const result = validateBody(hostile, input, { partial: true, source });
    // Assess
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : { ...result.errors }).toEqual(errors);
  });

  it('names at most ten unknown fields, each cut short', () => {
    // Prepare
    const input = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`${String(i).padStart(5, '0')}${'n'.repeat(100)}`, i]));
    // Act
    const result = validateBody(hostile, input, { partial: true, source: 'json' });
    // Assess
    const names = result.ok ? [] : Object.keys(result.errors);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe(`00000${'n'.repeat(59)}…`);
  });
});

describe('parseDateTime', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2024-05-06T07:08:09.123456Z', '2024-05-06T07:08:09.123Z'],
    ['2024-05-06T07:08:09Z', '2024-05-06T07:08:09.000Z'],
    ['2024-05-06T07:08:09+02:00', '2024-05-06T05:08:09.000Z'],
    ['2024-05-06T07:08:09-0130', '2024-05-06T08:38:09.000Z'],
    ['2024-05-06 07:08', '2024-05-06T07:08:00.000Z'],
    ['2024-05-06', '2024-05-06T00:00:00.000Z'],
    ['2024-02-30T00:00:00Z', undefined],
    ['yesterday', undefined],
  ];
  it.each(cases)('parses %s', (text, iso) => {
    // Prepare
    const input = text;

    // Act
    const date = parseDateTime(input);

    // Assess
    expect(date?.toISOString()).toBe(iso);
  });
});
