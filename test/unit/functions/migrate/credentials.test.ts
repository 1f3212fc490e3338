import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../../../functions/migrate/credentials';

const secrets: Record<string, Record<string, string>> = {
  'master-arn': { username: 'pulp', password: 'from-secret' },
  'admin-name': { username: 'admin', password: 'admin-from-secret' },
};

describe('resolveCredentials', () => {
  it.each([
    {
      name: 'takes what the launcher handed over, reading no secret',
      event: { credentials: { username: 'owner', password: 'handed' }, adminPassword: 'admin-handed' },
      env: { DB_SECRET_ARN: 'master-arn', ADMIN_SECRET_NAME: 'admin-name' },
      expected: { user: 'owner', password: 'handed', adminPassword: 'admin-handed' },
      reads: [],
    },
    {
      name: 'reads the secrets the environment names',
      event: {},
      env: { DB_SECRET_ARN: 'master-arn', ADMIN_SECRET_NAME: 'admin-name' },
      expected: { user: 'pulp', password: 'from-secret', adminPassword: 'admin-from-secret' },
      reads: ['master-arn', 'admin-name'],
    },
    {
      name: 'falls back to DATABASE_URL and PULP_ADMIN_PASSWORD locally',
      event: {},
      env: { PULP_ADMIN_PASSWORD: 'local' },
      expected: { adminPassword: 'local' },
      reads: [],
    },
  ])('$name', async ({ event, env, expected, reads }) => {
    // Prepare
    const read: string[] = [];

    // Act
    const resolved = await resolveCredentials(event, env, async (id) => {
      read.push(id);
      return secrets[id]!;
    });

    // Assess
    expect(resolved).toEqual(expected);
    expect(read).toEqual(reads);
  });
});
