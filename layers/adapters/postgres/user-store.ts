import { randomUUID } from 'node:crypto';
import type { UserRecord, UserStore } from '../../core/auth/authenticator';
import type { Database } from './database';

export class PgUserStore implements UserStore {
  constructor(private readonly db: Database) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.db.query<{ username: string; password_hash: string }>(
      'SELECT username, password_hash FROM users WHERE username = $1',
      [username],
    );
    return rows[0] ? { username: rows[0].username, passwordHash: rows[0].password_hash } : undefined;
  }

  async ensure(username: string, passwordHash: string, isSuperuser: boolean): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO users (id, username, password_hash, is_superuser) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING`,
      [randomUUID(), username, passwordHash, isSuperuser],
    );
    return (rowCount ?? 0) > 0;
  }
}
