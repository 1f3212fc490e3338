import { Signer } from '@aws-sdk/rds-signer';
import pg from 'pg';
import type { DatabaseConfig } from '../../app/config';

// timestamptz and bigint come back as strings; we format timestamps ourselves with µs.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, toIsoMicros);

/**
 * Postgres text `2026-01-02 03:04:05.123+00` → Pulp's `2026-01-02T03:04:05.123000Z`, keeping
 * the µs that Date would drop, whatever the session's time zone.
 */
export function toIsoMicros(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([+-]\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(value);
  if (!m) return new Date(value).toISOString().replace('Z', '000Z');
  const micros = (m[3] ?? '').padEnd(6, '0');
  if (m[4] === '+00' && !m[5] && !m[6]) return `${m[1]}T${m[2]}.${micros}Z`;
  const offset = `${m[4]}:${m[5] ?? '00'}`;
  const utc = new Date(`${m[1]}T${m[2]}${offset}`).getTime() - Number(`${m[4]![0]}1`) * Number(m[6] ?? 0) * 1000;
  return `${new Date(utc).toISOString().slice(0, 19)}.${micros}Z`;
}

/**
 * Creates the process-wide pool. In Lambda it is created outside the handler and sized 1
 * (one request per environment); IAM tokens are signed per connection because they expire.
 */
export function createPool(config: DatabaseConfig, region: string, password?: string): pg.Pool {
  const common = {
    max: config.poolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 10_000,
  };
  // Local Postgres runs in the machine's zone: ask for UTC so timestamps need no conversion.
  // RDS defaults to UTC, and a startup `options` parameter is best kept away from RDS Proxy.
  // The server ends a statement at the same bound the client waits (a lock wait included), so
  // a request that gave up leaves no backend waiting behind it.
  if (config.url) {
    const ssl = config.ssl ? { rejectUnauthorized: false } : undefined;
    const options = `-c TimeZone=UTC -c statement_timeout=${config.queryTimeoutMs ?? 60_000}`;
    return withErrorHandler(new pg.Pool({ connectionString: config.url, options, ssl, ...common }));
  }
  if (!config.host || !config.user) throw new Error('DATABASE_URL or DB_HOST and DB_USER must be set');
  const signer = config.iamAuth
    ? new Signer({ hostname: config.host, port: config.port, username: config.user, region })
    : undefined;
  return withErrorHandler(new pg.Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: signer ? () => signer.getAuthToken() : password,
    // RDS Proxy presents a certificate from a public CA in Node's store, so it is verified;
    // the cluster endpoint (migrate) uses the RDS CA, which Node does not ship.
    ssl: config.ssl ? { rejectUnauthorized: config.iamAuth } : undefined,
    ...common,
  }));
}

/**
 * An idle connection the server closes (a proxy recycling it, a failover, a database being
 * dropped) emits `error` on the pool; unhandled, that would crash the process. The pool
 * drops the client by itself.
 */
export function withErrorHandler(pool: pg.Pool): pg.Pool {
  pool.on('error', (err) => console.warn(`postgres: idle connection closed: ${err.message}`));
  return pool;
}

/**
 * Ends the pool and waits until every connection is closed. pg's `end()` resolves once no
 * client is left in the pool, before their sockets have closed; a server that ends those
 * sessions meanwhile (a dropped database, a stopping server: 57P01) then hands each client an
 * error after its owner thought it gone.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    // 'remove' comes once a client's connection has ended.
    pool.on('remove', () => {
      if (--open <= 0) resolve();
    });
  });
  await pool.end();
  await closed;
}
