import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { UniqueConflict } from '../../core/unique-conflict';
import { endPool } from './pool';

/** A unique index refusing a write becomes the domain's UniqueConflict, naming the field. */
export function translateError(err: unknown): unknown {
  const e = err as { code?: string; detail?: string };
  if (e?.code !== '23505') return err;
  // Postgres words it `Key (name)=(x) already exists.`; a composite key names several columns.
  const field = /^Key \(([^)]+)\)=/.exec(e.detail ?? '')?.[1] ?? 'non_field_errors';
  return new UniqueConflict(field.includes(',') ? 'non_field_errors' : field);
}

/** Something that runs SQL: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * Set while code runs inside a transaction. Taking another pool connection from there is a
 * bug: it reads outside the transaction, and with the Lambda pool of one connection it waits
 * for the very connection its own transaction holds.
 */
const inTransaction = new AsyncLocalStorage<true>();

export class NestedConnectionError extends Error {
  constructor() {
    super('A pool connection was requested inside a transaction; use the transaction client instead.');
    this.name = 'NestedConnectionError';
  }
}

/** The pool plus a transaction helper; stores get one of these injected. */
export class Database implements Queryable {
  constructor(readonly pool: Pool) {}

  async query<R extends QueryResultRow>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }> {
    if (inTransaction.getStore()) throw new NestedConnectionError();
    try {
      return await this.pool.query<R>(text, params);
    } catch (err) {
      throw translateError(err);
    }
  }

  async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    if (inTransaction.getStore()) throw new NestedConnectionError();
    const client = await this.pool.connect();
    // A connection whose ROLLBACK failed is broken: destroy it rather than pool it again.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await inTransaction.run(true, () => fn(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw translateError(err);
    } finally {
      client.release(broken);
    }
  }

  /** Takes transaction-scoped advisory locks on names in a fixed order, so two takers never deadlock. */
  static async lockResources(client: PoolClient, names: readonly string[]): Promise<void> {
    for (const name of [...new Set(names)].sort()) {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await endPool(this.pool);
  }
}
