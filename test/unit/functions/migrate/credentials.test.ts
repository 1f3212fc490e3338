import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../../../functions/migrate/credentials';

const secrets: Record<string, Record<string, string>> = {
  'master-arn': { username: 'pulp', password: 'from-secret' },
  'admin-name': { username: 'admin', password: 'admin-from-secret' },
  'rotating-admin': { username: 'root', password: 'new', previous_password: 'old' },
};

describe('resolveCredentials', () => {
  it.each([
    {
      name: 'takes what the launcher handed over, reading no secret',
      event: { credentials: { username: 'owner', password: 'handed' }, admin: { username: 'admin', password: 'admin-handed' } },
      env: { DB_SECRET_ARN: 'master-arn', ADMIN_SECRET_NAME: 'admin-name' },
      expected: { user: 'owner', password: 'handed', admin: { username: 'admin', password: 'admin-handed' } },
      reads: [],
    },
    {
      name: 'reads the secrets the environment names',
      event: {},
      env: { DB_SECRET_ARN: 'master-arn', ADMIN_SECRET_NAME: 'admin-name' },
      expected: { user: 'pulp', password: 'from-secret', admin: { username: 'admin', password: 'admin-from-secret' } },
      reads: ['master-arn', 'admin-name'],
    },
    {
      name: 'carries a rotation\'s previous password and a custom admin name',
      event: {},
      env: { ADMIN_SECRET_NAME: 'rotating-admin' },
      expected: { admin: { username: 'root', password: 'new', previous: 'old' } },
      reads: ['rotating-admin'],
    },
    {
      name: 'falls back to DATABASE_URL and PULP_ADMIN_PASSWORD locally',
      event: {},
      env: { PULP_ADMIN_PASSWORD: 'local' },
      expected: { admin: { username: 'admin', password: 'local' } },
      reads: [],
    },
    {
      name: 'sets no admin without a password',
      event: {},
      env: {},
      expected: {},
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
