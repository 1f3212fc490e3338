/** How failures on one key slow down its next attempts. */
export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it... */
  baseSeconds: number;
  /** ...up to this. */
  maxSeconds: number;
  /** A failure older than this starts the count again. */
  windowSeconds: number;
}

/** Failed-login state shared by every instance (a table, not process memory). */
export interface LoginThrottleStore {
  /** Seconds until the longest lock among the keys ends; 0 when none is locked. */
  lockedFor(keys: string[]): Promise<{ seconds: number; known: boolean }>;
  failed(key: string, policy: ThrottlePolicy): Promise<void>;
  forget(keys: string[]): Promise<void>;
}

/** Per user and client: a few typos are free, a guessing run slows to one try per 15 minutes. */
export const PAIR_POLICY: ThrottlePolicy = { freeFailures: 5, baseSeconds: 1, maxSeconds: 900, windowSeconds: 900 };
/** Per client across usernames: room for a busy NAT, not for spraying passwords over users. */
export const CLIENT_POLICY: ThrottlePolicy = { freeFailures: 50, baseSeconds: 1, maxSeconds: 900, windowSeconds: 900 };

/**
 * Brute-force throttling keyed by (username, client) and by client alone, so an attacker
 * elsewhere cannot lock a user out, and one client cannot spray many users.
 */
export class LoginThrottle {
  constructor(private readonly store: LoginThrottleStore) {}

  private keys(username: string, client: string): Array<{ key: string; policy: ThrottlePolicy }> {
    return [
      { key: `user:${username.toLowerCase()}|client:${client}`, policy: PAIR_POLICY },
      { key: `client:${client}`, policy: CLIENT_POLICY },
    ];
  }

  /** Seconds the client must wait before trying this username again; 0 when free. */
  async retryAfter(username: string, client: string): Promise<{ seconds: number; known: boolean }> {
    return this.store.lockedFor(this.keys(username, client).map((k) => k.key));
  }

  async failed(username: string, client: string): Promise<void> {
    for (const { key, policy } of this.keys(username, client)) await this.store.failed(key, policy);
  }

  /** A success clears the (user, client) count; the client's own count decays by itself. */
  async succeeded(username: string, client: string): Promise<void> {
    await this.store.forget([this.keys(username, client)[0]!.key]);
  }
}
