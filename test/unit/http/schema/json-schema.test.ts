import { describe, expect, it } from 'vitest';
import { f, schema, type Field } from '../../../../layers/http/schema/fields';
import { componentName, fieldSchema, objectSchema } from '../../../../layers/http/schema/json-schema';

describe('fieldSchema', () => {
  const cases: Array<[string, Field, Record<string, unknown>]> = [
    ['nullable string', f.string({ nullable: true }), { type: ['string', 'null'] }],
    ['string', f.string(), { type: 'string', minLength: 1 }],
    ['integer with minimum', f.integer({ minimum: 1 }), { type: 'integer', format: 'int64', minimum: 1 }],
    ['href', f.href(), { type: 'string', format: 'uri' }],
    ['date-time', f.dateTime(), { type: 'string', format: 'date-time' }],
    ['file', f.file(), { type: 'string', format: 'binary' }],
    ['labels', f.labels(), { type: 'object', additionalProperties: { type: 'string' } }],
    ['json', f.json(), {}],
    ['enum with default', f.enum(['a', 'b'], { default: 'a' }), { type: 'string', enum: ['a', 'b'], default: 'a' }],
    ['enum', f.enum(['a']), { type: 'string', enum: ['a'] }],
    ['nullable enum', f.enum(['a'], { nullable: true }), { anyOf: [{ type: 'string', enum: ['a'] }, { type: 'null' }] }],
    ['array of hrefs', f.array(f.href()), { type: 'array', items: { type: 'string', format: 'uri' } }],
    ['writeOnly', f.string({ writeOnly: true, allowBlank: true }), { type: 'string', writeOnly: true }],
  ];
  it.each(cases)('renders %s', (_label, field, expected) => {
    // Prepare
    const variant = 'request' as const;

    // Act
    const out = fieldSchema(field, variant);

    // Assess
    expect(out).toEqual(expected);
  });
});

describe('objectSchema', () => {
  const remote = schema('file.FileRemote', {
    pulp_href: f.href({ readOnly: true }),
    name: f.string({ required: true }),
    password: f.string({ writeOnly: true, nullable: true }),
  });

  const cases: Array<[string, { variant: 'request' | 'response'; partial?: boolean }, string, string[], string[] | undefined]> = [
    ['request', { variant: 'request' }, 'file.FileRemote', ['name', 'password'], ['name']],
    ['partial request', { variant: 'request', partial: true }, 'Patchedfile.FileRemote', ['name', 'password'], undefined],
    ['response', { variant: 'response' }, 'file.FileRemoteResponse', ['pulp_href', 'name'], ['pulp_href', 'name']],
  ];
  it.each(cases)('derives the %s variant', (_label, opts, name, properties, required) => {
    // Prepare
    const s = remote;

    // Act
    const out = objectSchema(s, opts);

    // Assess
    expect(componentName(s, opts)).toBe(name);
    expect(Object.keys(out['properties'] as object)).toEqual(properties);
    expect(out['required']).toEqual(required);
  });

  it('marks readOnly fields in responses', () => {
    // Prepare
    const opts = { variant: 'response' as const };

    // Act
    const out = objectSchema(remote, opts);

    // Assess
    expect((out['properties'] as Record<string, Record<string, unknown>>)['pulp_href']).toEqual({
      type: 'string',
      format: 'uri',
      readOnly: true,
    });
  });
});
