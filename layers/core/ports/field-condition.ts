/** One condition on a plugin-declared field, as list filters produce it. */
export type FieldCondition =
  | { field: string; op: 'eq' | 'contains' | 'icontains' | 'startswith' | 'istartswith'; value: string }
  | { field: string; op: 'in'; value: string[] }
  | { field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number };
