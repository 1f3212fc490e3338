import { createHmac, randomBytes } from 'node:crypto';
import type { IdentityStore, User } from '../access/identity-store';
import type { LoginThrottle } from '../access/login-throttle';
import type { Principal } from '../access/principal';
import type { TokenStore } from '../access/token-store';
import { parseToken, secretMatches, TOKEN_USERNAME } from './api-token';
import { hashPassword, needsRehash, verifyPassword } from './password-hasher';

export type AuthOutcome =
  | { kind: 'ok'; principal: Principal; via: 'password' | 'token' }
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/** How long a verified (or refused) password is remembered by one instance. */
const CACHE_TTL_MS = 5 * 60_000;
const CACHE_ENTRIES = 1000;

export function principalOf(user: User): Principal {
  return { userId: user.id, pk: user.pk, username: user.username, isSuperuser: user.isSuperuser, isStaff: user.isStaff };
}

/**
 * Checks Basic credentials: a password (scrypt, see password-hasher.ts), or an API token in
 * its place. Failures are throttled per user and client with state every instance shares.
 * An unknown user costs the same scrypt work as a wrong password, so timing does not tell
 * whether a user exists.
 */
export class Authenticator {
  private decoyHash: Promise<string> | undefined;
  private readonly cache = new Map<string, { hashes: string; verdict: 'current' | 'previous' | 'none'; at: number }>();
  /** Cache keys are keyed MACs, so no plaintext password stays in memory. */
  private readonly cacheKey = randomBytes(32);

  constructor(
    private readonly users: IdentityStore,
    private readonly tokens: TokenStore,
    private readonly throttle: LoginThrottle,
  ) {}

  async authenticate(credentials: { username: string; password: string } | undefined, client: string): Promise<AuthOutcome> {
    if (!credentials) return { kind: 'invalid' };
    const { username, password } = credentials;
    const wait = await this.throttle.retryAfter(username, client);
    if (wait.seconds > 0) return { kind: 'throttled', retryAfterSeconds: wait.seconds };
    const token = parseToken(password);
    const principal = token ? await this.byToken(username, token) : await this.byPassword(username, password);
    if (!principal) {
      await this.throttle.failed(username, client);
      return { kind: 'invalid' };
    }
    if (wait.known) await this.throttle.succeeded(username, client);
    return { kind: 'ok', principal, via: token ? 'token' : 'password' };
  }

  private async byToken(username: string, token: { id: string; secret: string }): Promise<Principal | undefined> {
    const row = await this.tokens.get(token.id);
    if (!row || !secretMatches(token.secret, row.secretHash)) return undefined;
    if (username !== TOKEN_USERNAME && username !== row.username) return undefined;
    if (row.expiresAt && Date.parse(row.expiresAt) <= Date.now()) return undefined;
    const user = await this.users.userById(row.userId);
    if (!user?.isActive) return undefined;
    await this.tokens.touch(row.id);
    return principalOf(user);
  }

  private async byPassword(username: string, password: string): Promise<Principal | undefined> {
    const user = await this.users.userByName(username);
    const usable = user?.isActive && user.passwordHash ? user : undefined;
    const verdict = await this.check(username, password, usable?.passwordHash ?? null, usable?.previousPasswordHash ?? null);
    if (!usable || verdict === 'none') return undefined;
    if (verdict === 'current' && needsRehash(usable.passwordHash!)) {
      await this.users.setPasswordHashes(usable.id, await hashPassword(password), usable.previousPasswordHash);
    }
    return principalOf(usable);
  }

  /**
   * Which stored hash the password matches, remembered per (user, password) for a few
   * minutes so a CLI polling a task does not pay scrypt on every call. The verdict holds only
   * while the stored hashes are the ones it was made against: a changed or retired password
   * misses the cache at once.
   */
  private async check(username: string, password: string, current: string | null, previous: string | null): Promise<'current' | 'previous' | 'none'> {
    const key = createHmac('sha256', this.cacheKey).update(`${username}\u0000${password}`).digest('base64');
    const hashes = `${current ?? ''}|${previous ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && hit.hashes === hashes && Date.now() - hit.at < CACHE_TTL_MS) return hit.verdict;
    let verdict: 'current' | 'previous' | 'none' = 'none';
    if (!current) {
      this.decoyHash ??= hashPassword('decoy-password');
      await verifyPassword(password, await this.decoyHash);
    } else if (await verifyPassword(password, current)) verdict = 'current';
    else if (previous && (await verifyPassword(password, previous))) verdict = 'previous';
    this.cache.delete(key);
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { hashes, verdict, at: Date.now() });
    return verdict;
  }

  /**
   * Rotates the bootstrap admin's password with the bootstrap secret: `current` logs in, and
   * during a rotation `previous` still does (verify-only) until a sync without it retires it.
   * Creates the user on first use (true when it did). A stored password the secret cannot
   * show it replaces (neither `current` nor `previous`: changed through the API, or another
   * process's idea of the secret) is left as it is.
   */
  async syncBootstrap(username: string, current: string, previous?: string): Promise<boolean> {
    const user = await this.users.userByName(username);
    if (!user) {
      const created = await this.users.ensureUser({
        username,
        passwordHash: await hashPassword(current),
        firstName: '',
        lastName: '',
        email: '',
        isSuperuser: true,
        isStaff: true,
        isActive: true,
      });
      if (previous) {
        const made = await this.users.userByName(username);
        if (made) await this.users.setPasswordHashes(made.id, made.passwordHash, await hashPassword(previous));
      }
      return created;
    }
    const matches = async (hash: string | null, password: string) => hash !== null && (await verifyPassword(password, hash));
    let currentHash: string;
    let previousHash: string | null;
    if (await matches(user.passwordHash, current)) {
      // Already rotated: a previous one stays verify-only only while the secret still names it.
      currentHash = user.passwordHash!;
      previousHash = previous && (await matches(user.previousPasswordHash, previous)) ? user.previousPasswordHash : null;
    } else if (previous && (await matches(user.passwordHash, previous))) {
      currentHash = await hashPassword(current);
      previousHash = user.passwordHash;
    } else return false;
    if (currentHash !== user.passwordHash || previousHash !== user.previousPasswordHash) {
      await this.users.setPasswordHashes(user.id, currentHash, previousHash);
    }
    return false;
  }
}
