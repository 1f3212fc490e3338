import type { LabelTerm } from '../../core/labels/label-select';
import type { TextMatch } from '../../core/text-match';

/** Collects WHERE conditions with numbered parameters, so list queries stay readable. */
export class SqlFilter {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a parameter and returns its placeholder (`$n`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** `cond` uses `$?` for each value, in order (a bare `?` stays jsonb's key-exists operator). */
  where(cond: string, ...values: unknown[]): this {
    let i = 0;
    this.conditions.push(cond.replace(/\$\?/g, () => this.param(values[i++])));
    return this;
  }

  /** Adds the condition only when the value is defined. */
  when<T>(value: T | undefined, cond: string, map: (v: T) => unknown = (v) => v): this {
    if (value !== undefined) this.where(cond, map(value));
    return this;
  }

  labels(column: string, terms: LabelTerm[] | undefined): this {
    for (const t of terms ?? []) {
      switch (t.op) {
        case 'exists':
          this.where(`${column} ? $?`, t.key);
          break;
        case 'absent':
          this.where(`NOT (${column} ? $?)`, t.key);
          break;
        case 'equals':
          this.where(`${column} ->> $? = $?`, t.key, t.value);
          break;
        case 'differs':
          this.where(`(${column} ? $? AND ${column} ->> $? <> $?)`, t.key, t.key, t.value);
          break;
        case 'contains':
          this.where(`${column} ->> $? ILIKE $?`, t.key, `%${likeEscape(t.value)}%`);
          break;
      }
    }
    return this;
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}


export function addTextFilter(filter: SqlFilter, column: string, t: TextMatch | undefined): void {
  if (!t) return;
  filter
    .when(t.exact, `${column} = $?`)
    .when(t.iexact, `lower(${column}) = lower($?)`)
    .when(t.in, `${column} = ANY($?)`)
    .when(t.contains, `${column} LIKE $?`, (v) => `%${likeEscape(v)}%`)
    .when(t.icontains, `${column} ILIKE $?`, (v) => `%${likeEscape(v)}%`)
    .when(t.startswith, `${column} LIKE $?`, (v) => `${likeEscape(v)}%`)
    .when(t.istartswith, `${column} ILIKE $?`, (v) => `${likeEscape(v)}%`);
}
