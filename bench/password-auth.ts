// Password verification cost: what one Basic-auth check costs in CPU, cold (scrypt) and from
// the verified-credential cache, next to Pulp's PBKDF2 (Django's default iterations), which
// Pulp pays on every Basic request. CPU time, not wall time: the machine is shared.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { LoginThrottle } from '../layers/core/access/login-throttle';
import type { IdentityStore, User } from '../layers/core/access/identity-store';
import type { TokenStore } from '../layers/core/access/token-store';
import { Authenticator } from '../layers/core/auth/authenticator';
import { hashPassword, SCRYPT, verifyPassword } from '../layers/core/auth/password-hasher';
import { round, writeResult } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const HITS = Number(process.env.BENCH_HITS ?? 10_000);

/** CPU milliseconds per call of `fn`, over `n` calls. */
async function cpuMs(n: number, fn: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i += 1) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}

const hash = await hashPassword('correct horse battery staple');
const user: User = {
  id: 'u', pk: 1, username: 'alice', passwordHash: hash, previousPasswordHash: null, firstName: '', lastName: '', email: '',
  isSuperuser: false, isStaff: false, isActive: true, dateJoined: '',
};
const users = { userByName: async () => user, userById: async () => user } as unknown as IdentityStore;
const throttle = new LoginThrottle({ lockedFor: async () => ({ seconds: 0, known: false }), failed: async () => {}, forget: async () => {} });
const creds = { username: 'alice', password: 'correct horse battery staple' };

const scryptHash = await cpuMs(RUNS, () => hashPassword('correct horse battery staple'));
const scryptVerify = await cpuMs(RUNS, () => verifyPassword('correct horse battery staple', hash));
const cold = await cpuMs(RUNS, () => new Authenticator(users, {} as TokenStore, throttle).authenticate(creds, '10.0.0.1'));
const warm = new Authenticator(users, {} as TokenStore, throttle);
await warm.authenticate(creds, '10.0.0.1');
const cached = await cpuMs(HITS, () => warm.authenticate(creds, '10.0.0.1'));
const salt = randomBytes(16);
const pbkdf2 = await cpuMs(Math.max(3, Math.floor(RUNS / 3)), () => pbkdf2Sync('correct horse battery staple', salt, 870_000, 32, 'sha256'));

const results = {
  scrypt: { ...SCRYPT, memoryMiB: (128 * SCRYPT.N * SCRYPT.r) / 2 ** 20 },
  cpuMsPerCall: {
    scryptHash: round(scryptHash),
    scryptVerify: round(scryptVerify),
    authenticateCold: round(cold),
    authenticateCached: round(cached, 4),
    pulpPbkdf2Sha256_870k: round(pbkdf2),
  },
};
console.log(JSON.stringify(results, null, 2));
console.log(`wrote ${await writeResult('password-auth', results)}`);
