import type { Found, Window } from '../models/page';
import type { ObjectScope } from './route-access';

/** A personal API token; only the hash of its secret is kept. */
export interface ApiToken {
  id: string;
  userId: string;
  username: string;
  name: string;
  secretHash: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  pulpCreated: string;
}

export interface TokenStore {
  create(token: { id: string; userId: string; name: string; secretHash: string; expiresAt: Date | null }): Promise<ApiToken>;
  get(id: string): Promise<ApiToken | undefined>;
  list(filter: { scope?: ObjectScope; ids?: string[] }, window: Window): Promise<Found<ApiToken>>;
  delete(id: string): Promise<boolean>;
  /** Records a use (at most every few minutes: not a write per request). */
  touch(id: string): Promise<void>;
}
