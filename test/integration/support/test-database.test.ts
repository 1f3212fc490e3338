import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../support/test-database';

async function databaseNames(): Promise<string[]> {
  const client = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('gives each caller its own empty database and drops it even with a connection open', async () => {
    // Prepare
    const [a, b] = await Promise.all([createTestDatabase('Same Prefix!'), createTestDatabase('Same Prefix!')]);
    const leaked = new pg.Client({ connectionString: a!.url });
    await leaked.connect();
    leaked.on('error', () => {}); // the forced drop terminates it
    await leaked.query('CREATE TABLE only_in_a (id int)');

    // Act
    const tablesInB = await (async () => {
      const client = new pg.Client({ connectionString: b!.url });
      await client.connect();
      try {
        return (await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'only_in_a'")).rowCount;
      } finally {
        await client.end();
      }
    })();
    await Promise.all([a!.drop(), b!.drop()]);

    // Assess
    const nameOf = (url: string) => new URL(url).pathname.slice(1);
    expect(nameOf(a!.url)).toMatch(/^same_prefix__[0-9a-f]{12}$/);
    expect(nameOf(a!.url)).not.toBe(nameOf(b!.url));
    expect(tablesInB).toBe(0);
    const remaining = await databaseNames();
    expect(remaining).not.toContain(nameOf(a!.url));
    expect(remaining).not.toContain(nameOf(b!.url));
    await leaked.end().catch(() => {});
  });
});
