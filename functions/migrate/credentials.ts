import type { BootstrapAdmin, MigrateEvent } from './migrate-event';

export interface MigrateCredentials {
  user?: string;
  password?: string;
  admin?: BootstrapAdmin;
}

type Env = Record<string, string | undefined>;

/**
 * Who the migrator logs in as and the admin password it sets: what the launcher handed over
 * in AWS; otherwise secrets named in the environment, or PULP_ADMIN_PASSWORD (local, tests).
 */
export async function resolveCredentials(
  event: MigrateEvent,
  env: Env,
  readSecret: (id: string) => Promise<Record<string, string>>,
): Promise<MigrateCredentials> {
  const resolved: MigrateCredentials = {};
  if (event.credentials) {
    resolved.user = event.credentials.username;
    resolved.password = event.credentials.password;
  } else if (env.DB_SECRET_ARN) {
    const secret = await readSecret(env.DB_SECRET_ARN);
    resolved.user = secret.username;
    resolved.password = secret.password;
  }
  if (event.admin) {
    resolved.admin = event.admin;
    return resolved;
  }
  const secret = env.ADMIN_SECRET_NAME
    ? await readSecret(env.ADMIN_SECRET_NAME)
    : { password: env.PULP_ADMIN_PASSWORD ?? '', previous_password: env.PULP_ADMIN_PASSWORD_PREVIOUS ?? '' };
  resolved.admin = adminFromSecret(secret);
  return resolved;
}

/** The admin secret's fields (`username`, `password`, during a rotation `previous_password`). */
export function adminFromSecret(secret: Record<string, string | undefined>): BootstrapAdmin | undefined {
  if (!secret.password) return undefined;
  return { username: secret.username || 'admin', password: secret.password, previous: secret.previous_password || undefined };
}
