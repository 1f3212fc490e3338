import { createHmac, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from './password-hasher';

export interface UserRecord {
  username: string;
  passwordHash: string;
}

export interface UserStore {
  findByUsername(username: string): Promise<UserRecord | undefined>;
  /** Creates the user if absent; never overwrites an existing password. */
  ensure(username: string, passwordHash: string, isSuperuser: boolean): Promise<boolean>;
}

/**
 * Checks a username and password (the HTTP layer decodes them from the Basic header). An
 * unknown user costs the same scrypt work as a wrong password, so timing does not tell
 * whether a user exists.
 */
export class Authenticator {
  private decoyHash: Promise<string> | undefined;
  private readonly cache = new Map<string, { hash: string; ok: boolean }>();
  /** Cache keys are keyed MACs, so no plaintext password stays in memory. */
  private readonly cacheKey = randomBytes(32);

  constructor(private readonly users: UserStore) {}

  async authenticate(credentials: { username: string; password: string } | undefined): Promise<string | undefined> {
    if (!credentials) return undefined;
    const user = await this.users.findByUsername(credentials.username);
    const hash = user?.passwordHash ?? (await (this.decoyHash ??= hashPassword('decoy-password')));
    const ok = await this.check(credentials.username, credentials.password, hash);
    return user && ok ? user.username : undefined;
  }

  async ensureAdmin(username: string, password: string): Promise<boolean> {
    return this.users.ensure(username, await hashPassword(password), true);
  }

  /**
   * Remembers the last verdict per user and hash, so a CLI polling a task every second does
   * not pay scrypt on every call. A changed password changes the hash and misses the cache.
   */
  private async check(username: string, password: string, hash: string): Promise<boolean> {
    const key = createHmac('sha256', this.cacheKey).update(`${username}\u0000${password}`).digest('base64');
    const hit = this.cache.get(key);
    if (hit && hit.hash === hash) return hit.ok;
    const ok = await verifyPassword(password, hash);
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, { hash, ok });
    return ok;
  }
}
