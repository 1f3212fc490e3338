import { createHash } from 'node:crypto';
import type { GuardGrants } from '../../core/access/guard-check';
import type { ObjectRef } from '../../core/access/object-ref';

const RBAC_MODEL = 'core.rbaccontentguard';
const DOWNLOAD = 'core.download_rbaccontentguard';
/** A verdict is reused this long: a revoked role stops downloads within it. */
const VERDICT_MS = 30_000;
const MAX_VERDICTS = 5_000;
/** The API answers from Postgres; an Aurora resume can take most of this. */
const ASK_TIMEOUT_MS = 25_000;

/**
 * The content app's answer to an RBAC guard: it has no database, so it asks the API
 * (`…/contentguards/core/rbac/<id>/can_download/`) with the viewer's own credentials, and
 * remembers the verdict briefly per credential and guard.
 */
export class ApiGuardAuthority {
  private readonly verdicts = new Map<string, { permitted: boolean; at: number }>();

  constructor(
    private readonly apiOrigin: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The grants of whoever sent `authorization` (none without it). */
  grantsFor(authorization: string | undefined): GuardGrants {
    return {
      principal: authorization ? 'credentials' : undefined,
      hasPermission: async (permission: string, object?: ObjectRef) =>
        authorization !== undefined && permission === DOWNLOAD && object?.model === RBAC_MODEL && this.mayDownload(object.id, authorization),
    };
  }

  private async mayDownload(guardId: string, authorization: string): Promise<boolean> {
    const key = `${guardId}:${createHash('sha256').update(authorization).digest('base64url')}`;
    const known = this.verdicts.get(key);
    if (known && Date.now() - known.at < VERDICT_MS) return known.permitted;
    const url = `${this.apiOrigin}/pulp/api/v3/contentguards/core/rbac/${encodeURIComponent(guardId)}/can_download/`;
    const response = await this.fetchImpl(url, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
    // Credentials the API refuses (wrong, locked out) permit nothing; anything else is the API's trouble.
    if (response.status === 401 || response.status === 403 || response.status === 429) return this.remember(key, false);
    if (!response.ok) throw new Error(`The API answered ${response.status} to a content guard check`);
    const body = (await response.json()) as { permitted?: unknown };
    return this.remember(key, body.permitted === true);
  }

  private remember(key: string, permitted: boolean): boolean {
    if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.delete(this.verdicts.keys().next().value!);
    this.verdicts.set(key, { permitted, at: Date.now() });
    return permitted;
  }
}
