import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { BackendUnavailable } from '../../core/backend-unavailable';
import { remainingBudgetMs } from '../../core/time-budget';
import { UniqueConflict } from '../../core/unique-conflict';
import { endPool } from './pool';

/**
 * Postgres could not be reached or did not answer in time: connection classes 08 and 57P0x
 * (shutdown, cannot connect now), too many connections, a statement or lock timeout, and the
 * driver's own errors for a lost or slow connection.
 */
function isUnavailable(err: { code?: string; message?: string }): boolean {
  const code = err.code ?? '';
  if (code.startsWith('08') || /^57P0[1-4]$/.test(code) || ['53300', '57014', '55P03'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  return /^(Query read timeout|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(err.message ?? '');
}

/**
 * A unique index refusing a write becomes the domain's UniqueConflict, naming the field; an
 * unreachable or stalled database becomes BackendUnavailable.
 */
export function translateError(err: unknown): unknown {
  const e = err as { code?: string; detail?: string; message?: string };
  if (err instanceof BackendUnavailable) return err;
  if (e && isUnavailable(e)) return new BackendUnavailable('The database', e.message ?? String(e.code), { cause: err });
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

export interface DatabaseTimeouts {
  /**
   * Longest a single statement may take. The client waits a second more (so a frozen server
   * or a lost connection ends the wait too); where the pool sets statement_timeout to the
   * same value, the server ends the statement first, lock waits included.
   */
  queryTimeoutMs: number;
  /** Longest a transaction may take, all its statements together. */
  transactionTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { queryTimeoutMs: 60_000, transactionTimeoutMs: 120_000 };

/**
 * A checked-out connection that dies between statements emits `error` on its client; with no
 * listener that would end the process. The statement that next uses it fails instead.
 */
const guarded = new WeakSet<PoolClient>();
function guard(client: PoolClient): PoolClient {
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', () => undefined);
  }
  return client;
}

/** A statement that changes rows (possibly inside a WITH). */
const WRITE = /^\s*(?:INSERT|UPDATE|DELETE|MERGE)\b|^\s*WITH\b[\s\S]*\b(?:INSERT|UPDATE|DELETE)\b/i;

/** The client outwaits the server's statement_timeout by this much, so the clean error comes from the server. */
const SERVER_FIRST_MS = 1_000;

/** Ends a connection at once, failing whatever it was waiting for. */
function cutConnection(client: PoolClient): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * The pool plus a transaction helper; stores get one of these injected. Every call is bounded:
 * by the timeouts, and by the time budget of the request being served when there is one.
 */
export class Database implements Queryable {
  constructor(
    readonly pool: Pool,
    private readonly timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  ) {}

  /** The bound for the next call: the configured one, or what is left of the budget. */
  private bound(configured: number): number {
    const left = remainingBudgetMs();
    if (left === undefined) return configured;
    if (left <= 0) throw new BackendUnavailable('The database', 'the request ran out of time');
    return Math.min(configured, left);
  }

  async query<R extends QueryResultRow>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }> {
    if (inTransaction.getStore()) throw new NestedConnectionError();
    // A write made for a request commits only while the request still waits for it: one the
    // client gave up on (a stalled server) rolls back instead of landing after the 503.
    if (remainingBudgetMs() !== undefined && WRITE.test(text)) return this.transaction((client) => client.query<R>(text, params));
    const started = Date.now();
    const limit = this.bound(this.timeouts.queryTimeoutMs + SERVER_FIRST_MS);
    const client = await this.connect(limit);
    let failure: Error | undefined;
    try {
      // What the wait for a connection used is not given again to the statement.
      const timeout = Math.max(1, limit - (Date.now() - started));
      return await client.query<R>({ text, values: params, query_timeout: timeout } as never);
    } catch (err) {
      // A statement that timed out may still be running: that connection is not reused.
      failure = err as Error;
      throw translateError(err);
    } finally {
      client.release(failure && translateError(failure) instanceof BackendUnavailable ? failure : undefined);
    }
  }

  /** A pool connection within `limitMs`; one that arrives later goes straight back. */
  private async connect(limitMs: number): Promise<PoolClient> {
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const pending = this.pool.connect();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(new BackendUnavailable('The database', `no connection within ${limitMs} ms`));
      }, limitMs);
    });
    pending.then(
      (client) => late && client.release(),
      () => undefined,
    );
    try {
      return guard(await Promise.race([pending, timeout]));
    } catch (err) {
      throw translateError(err);
    } finally {
      clearTimeout(timer);
    }
  }

  async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    if (inTransaction.getStore()) throw new NestedConnectionError();
    const limit = this.bound(this.timeouts.transactionTimeoutMs);
    const client = await this.connect(limit);
    // Past its bound the connection is cut: the statement in flight fails and nothing commits.
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      cutConnection(client);
    }, limit);
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
      if (expired) throw new BackendUnavailable('The database', `the transaction took longer than ${limit} ms`, { cause: err });
      throw translateError(err);
    } finally {
      clearTimeout(timer);
      client.release(broken ?? (expired ? new Error('transaction timed out') : undefined));
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
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await endPool(this.pool);
  }
}
