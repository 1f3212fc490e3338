import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, NestedConnectionError } from '../../../../layers/adapters/postgres/database';
import { UniqueConflict } from '../../../../layers/core/unique-conflict';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';

describe('Database', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('database');
    // One connection, as in Lambda: a nested connection request would wait for itself.
    db = new Database(testDb.pool({ max: 1, connectionTimeoutMillis: 2_000 }));
    await db.query('CREATE TABLE things (id int PRIMARY KEY, name text UNIQUE, label text)');
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it.each([
    { what: 'a pool query', nested: (d: Database) => d.query('SELECT 1') },
    { what: 'another transaction', nested: (d: Database) => d.transaction(async () => undefined) },
  ])('refuses $what inside a transaction at once, and rolls the transaction back', async ({ nested }) => {
    // Act
    const error = await db
      .transaction(async (client) => {
        await client.query("INSERT INTO things VALUES (1, 'one', 'x')");
        await nested(db);
      })
      .catch((e: Error) => e);
    // Assess
    expect(error).toBeInstanceOf(NestedConnectionError);
    expect((await db.query('SELECT count(*)::int AS n FROM things')).rows[0]).toEqual({ n: 0 });
  });

  it.each([
    { what: 'a pool query', write: (d: Database) => d.query("INSERT INTO things VALUES (3, 'dup', 'y')") },
    {
      what: 'a transaction',
      write: (d: Database) => d.transaction((c) => c.query("INSERT INTO things VALUES (4, 'dup', 'z')")),
    },
  ])('turns a unique-index refusal in $what into UniqueConflict naming the field', async ({ write }) => {
    // Prepare
    await db.query("INSERT INTO things VALUES (2, 'dup', 'w') ON CONFLICT DO NOTHING");
    // Act
    const error = await write(db).catch((e: Error) => e);
    // Assess
    expect(error).toBeInstanceOf(UniqueConflict);
    expect((error as UniqueConflict).field).toBe('name');
  });

  it('serves sequential work on one connection after a failed transaction', async () => {
    // Act
    await db.transaction(() => Promise.reject(new Error('boom'))).catch(() => undefined);
    const after = await db.transaction((c) => c.query('SELECT 42 AS answer'));
    // Assess
    expect(after.rows).toEqual([{ answer: 42 }]);
  });
});
