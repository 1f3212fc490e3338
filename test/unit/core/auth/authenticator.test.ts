import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdentityStore, NewUser, User } from '../../../../layers/core/access/identity-store';
import { LoginThrottle, type LoginThrottleStore } from '../../../../layers/core/access/login-throttle';
import type { ApiToken, TokenStore } from '../../../../layers/core/access/token-store';
import { newToken } from '../../../../layers/core/auth/api-token';

// Counts scrypt verifications: the cache's whole point is to skip them.
const counter = vi.hoisted(() => ({ verifies: 0 }));
vi.mock('../../../../layers/core/auth/password-hasher', async (original) => {
  const real = await original<typeof import('../../../../layers/core/auth/password-hasher')>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      counter.verifies += 1;
      return real.verifyPassword(password, stored);
    },
  };
});
const { Authenticator } = await import('../../../../layers/core/auth/authenticator');
const { hashPassword } = await import('../../../../layers/core/auth/password-hasher');

/** Users in memory: just what the authenticator reads and writes. */
class MemoryUsers implements Partial<IdentityStore> {
  readonly users = new Map<string, User>();
  async userByName(username: string) {
    return [...this.users.values()].find((u) => u.username === username);
  }
  async userById(id: string) {
    return this.users.get(id);
  }
  async ensureUser(u: NewUser) {
    if (await this.userByName(u.username)) return false;
    const id = `id-${this.users.size + 1}`;
    this.users.set(id, { ...u, id, pk: this.users.size + 1, previousPasswordHash: null, dateJoined: '' });
    return true;
  }
  async setPasswordHashes(id: string, current: string | null, previous: string | null) {
    const u = this.users.get(id)!;
    this.users.set(id, { ...u, passwordHash: current, previousPasswordHash: previous });
  }
}

class MemoryTokens implements Partial<TokenStore> {
  readonly tokens = new Map<string, ApiToken>();
  async get(id: string) {
    return this.tokens.get(id);
  }
  async touch() {}
}

/** No lock ever, but failures and forgets are recorded. */
class NeverLocked implements LoginThrottleStore {
  failures: string[] = [];
  async lockedFor() {
    return { seconds: 0, known: false };
  }
  async failed(key: string) {
    this.failures.push(key);
  }
  async forget() {}
}

const user = (over: Partial<NewUser> = {}): NewUser => ({ username: 'alice', passwordHash: null, firstName: '', lastName: '', email: '', isSuperuser: false, isStaff: false, isActive: true, ...over });
const creds = (username: string, password: string) => ({ username, password });

describe('Authenticator', () => {
  let users: MemoryUsers;
  let tokens: MemoryTokens;
  let throttle: NeverLocked;
  let auth: InstanceType<typeof Authenticator>;

  // scrypt at full cost runs several times per test on a shared machine.
  vi.setConfig({ testTimeout: 60_000 });

  beforeEach(async () => {
    users = new MemoryUsers();
    tokens = new MemoryTokens();
    throttle = new NeverLocked();
    auth = new Authenticator(users as unknown as IdentityStore, tokens as unknown as TokenStore, new LoginThrottle(throttle));
    await users.ensureUser(user({ passwordHash: await hashPassword('right-password') }));
    counter.verifies = 0;
  });

  it.each([
    { name: 'the right password', c: creds('alice', 'right-password'), kind: 'ok' },
    { name: 'a wrong password', c: creds('alice', 'wrong-password'), kind: 'invalid' },
    { name: 'an unknown user', c: creds('mallory', 'right-password'), kind: 'invalid' },
  ])('answers $name with $kind', async ({ c, kind }) => {
    expect((await auth.authenticate(c, '10.0.0.1')).kind).toBe(kind);
  });

  it('records a failure per (user, client) and per client', async () => {
    await auth.authenticate(creds('alice', 'nope-nope'), '10.0.0.9');
    expect(throttle.failures).toEqual(['user:alice|client:10.0.0.9', 'client:10.0.0.9']);
  });

  it('verifies a password once, then answers repeated requests from its cache', async () => {
    for (let i = 0; i < 5; i += 1) await auth.authenticate(creds('alice', 'right-password'), '10.0.0.1');
    expect(counter.verifies).toBe(1);
  });

  it('does not trust its cache once the stored password changed', async () => {
    // Prepare
    await auth.authenticate(creds('alice', 'right-password'), '10.0.0.1');
    await users.setPasswordHashes('id-1', await hashPassword('new-password'), null);

    // Act
    const old = await auth.authenticate(creds('alice', 'right-password'), '10.0.0.1');
    const fresh = await auth.authenticate(creds('alice', 'new-password'), '10.0.0.1');

    // Assess
    expect([old.kind, fresh.kind]).toEqual(['invalid', 'ok']);
  });

  it('refuses an inactive user even with a cached verdict', async () => {
    await auth.authenticate(creds('alice', 'right-password'), '10.0.0.1');
    users.users.set('id-1', { ...users.users.get('id-1')!, isActive: false });
    expect((await auth.authenticate(creds('alice', 'right-password'), '10.0.0.1')).kind).toBe('invalid');
  });

  describe('API tokens as the password', () => {
    const tokenFor = (over: Partial<ApiToken> = {}) => {
      const made = newToken();
      tokens.tokens.set(made.id, { id: made.id, userId: 'id-1', username: 'alice', name: 't', secretHash: made.secretHash, expiresAt: null, lastUsedAt: null, pulpCreated: '', ...over });
      return made;
    };

    it.each([
      { name: 'with __token__', username: '__token__', over: {}, kind: 'ok' },
      { name: 'with its owner', username: 'alice', over: {}, kind: 'ok' },
      { name: 'with another username', username: 'bob', over: {}, kind: 'invalid' },
      { name: 'once expired', username: '__token__', over: { expiresAt: new Date(Date.now() - 1000).toISOString() }, kind: 'invalid' },
    ])('is accepted $name: $kind', async ({ username, over, kind }) => {
      const made = tokenFor(over);
      expect((await auth.authenticate(creds(username, made.token), '10.0.0.1')).kind).toBe(kind);
    });

    it('is refused at once when revoked', async () => {
      const made = tokenFor();
      const before = await auth.authenticate(creds('__token__', made.token), '10.0.0.1');
      tokens.tokens.delete(made.id);
      const after = await auth.authenticate(creds('__token__', made.token), '10.0.0.1');
      expect([before.kind, after.kind]).toEqual(['ok', 'invalid']);
    });
  });

  describe('the bootstrap secret', () => {
    const login = (password: string) => auth.authenticate(creds('admin', password), '10.0.0.1').then((o) => o.kind);

    it('creates the admin, accepts both secrets during a rotation, and only the new one after', async () => {
      // Act
      const created = await auth.syncBootstrap('admin', 'first-secret');
      const start = [await login('first-secret'), await login('second-secret')];
      await auth.syncBootstrap('admin', 'second-secret', 'first-secret');
      const during = [await login('first-secret'), await login('second-secret')];
      await auth.syncBootstrap('admin', 'second-secret');
      const after = [await login('first-secret'), await login('second-secret')];

      // Assess
      expect(created).toBe(true);
      expect(start).toEqual(['ok', 'invalid']);
      expect(during).toEqual(['ok', 'ok']);
      expect(after).toEqual(['invalid', 'ok']);
    }, 120_000);

    it('never overwrites a password it cannot show it replaces', async () => {
      await auth.syncBootstrap('admin', 'first-secret');
      await auth.syncBootstrap('admin', 'someone-elses-idea');
      await auth.syncBootstrap('admin', 'another-one', 'not-the-password');
      expect([await login('first-secret'), await login('someone-elses-idea'), await login('another-one')]).toEqual(['ok', 'invalid', 'invalid']);
    }, 120_000);
  });
});
