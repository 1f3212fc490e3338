import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPool } from '../../../../layers/adapters/postgres/pool';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';

describe('endPool', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase('end_pool');
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it.each([1, 3, 8])('resolves only once all %i connections of the pool have ended', async (size) => {
    // Prepare: a pool with `size` idle connections, each noting when its connection ends
    const pool = new pg.Pool({ connectionString: testDb.url, max: size });
    const ended: boolean[] = [];
    pool.on('connect', (client) => {
      const index = ended.push(false) - 1;
      client.on('end', () => (ended[index] = true));
    });
    await Promise.all(Array.from({ length: size }, () => pool.query('SELECT pg_sleep(0.02)')));
    // Act
    await endPool(pool);
    // Assess: pg's own end() resolves before these (the sockets close later)
    expect(ended).toEqual(Array.from({ length: size }, () => true));
    expect(pool.totalCount).toBe(0);
  });

  it('resolves at once for a pool that never connected', async () => {
    // Prepare
    const pool = new pg.Pool({ connectionString: testDb.url });
    // Act
    await endPool(pool);
    // Assess
    expect(pool.ended).toBe(true);
  });
});
