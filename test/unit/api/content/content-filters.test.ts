import { describe, expect, it } from 'vitest';
import { contentConditions, contentFilterParams } from '../../../../layers/api/content/content-filters';
import type { ContentTypeDefinition } from '../../../../layers/plugin-api/definitions/content-type';

const lower = (v: string) => v.toLowerCase();

// Only what the filters read of a type.
const type = {
  columns: { name: { column: 'name', type: 'text' }, name_normalized: { column: 'name_normalized', type: 'text' }, size: { column: 'size', type: 'bigint' } },
  filters: [
    { field: 'name_normalized', param: 'name', kind: 'exact', in: true, normalize: lower },
    { field: 'name', kind: 'text', lookups: ['contains'] },
    { field: 'size', kind: 'range', lookups: ['gt', 'lte'] },
  ],
} as unknown as ContentTypeDefinition;

describe('content filters', () => {
  it('declares each filter\'s lookups only, typed by column', () => {
    // Act
    const params = contentFilterParams(type).map((p) => [p.name, p.field.kind]);

    // Assess
    expect(params).toEqual([
      ['name', 'string'],
      ['name__in', 'array'],
      ['name__contains', 'string'],
      ['size__gt', 'integer'],
      ['size__lte', 'integer'],
    ]);
  });

  it.each([
    ['exact, normalized', { name: 'Foo' }, [{ field: 'name_normalized', op: 'eq', value: 'foo' }]],
    ['in, normalized', { name__in: ['A', 'b'] }, [{ field: 'name_normalized', op: 'in', value: ['a', 'b'] }]],
    ['contains on the other field, as given', { name__contains: 'Fo' }, [{ field: 'name', op: 'contains', value: 'Fo' }]],
    ['ranges', { size__gt: 3, size__lte: 9 }, [{ field: 'size', op: 'gt', value: 3 }, { field: 'size', op: 'lte', value: 9 }]],
    ['undeclared lookups ignored', { size: 3, name__icontains: 'x' }, []],
  ])('%s', (_what, query, expected) => {
    // Act
    const conditions = contentConditions(type, query);

    // Assess
    expect(conditions).toEqual(expected);
  });
});
