import type { HmacKeyRing } from '../signing/hmac-keys';
import { redirectUrlProblem } from '../signing/redirect-url';
import type { ContentGuard } from './content-guard';
import type { ObjectRef } from './object-ref';
import { followJqPath, parseJqPath } from './jq-path';

/** What a guard may look at in a content request. */
export interface GuardedRequest {
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The path as requested (still percent-encoded) and the raw query string. */
  path: string;
  rawQuery: string;
  /** The requester's permissions, authenticated from their Basic credentials on first use. */
  grants(): Promise<GuardGrants>;
}

/**
 * What an RBAC guard asks of the requester: who they are, and whether they hold a permission.
 * `Grants` answers from Postgres; the content app, which has no Postgres, asks the API.
 */
export interface GuardGrants {
  readonly principal: unknown;
  hasPermission(permission: string, object?: ObjectRef): Promise<boolean>;
}

export type GuardVerdict = { permitted: true } | { permitted: false; reason: string };

const PERMIT: GuardVerdict = { permitted: true };
const deny = (reason: string): GuardVerdict => ({ permitted: false, reason });

/** Pulp's ContentGuard.permit() for each of core's guard types. */
export class GuardCheck {
  constructor(
    private readonly signing: () => Promise<HmacKeyRing>,
    private readonly load: (id: string) => Promise<ContentGuard | undefined>,
  ) {}

  async permit(guard: ContentGuard, req: GuardedRequest, depth = 0): Promise<GuardVerdict> {
    switch (guard.pulpType) {
      case 'core.header':
        return this.header(guard, req);
      case 'core.content_redirect': {
        const problem = redirectUrlProblem(await this.signing(), guard.id, req.path, req.rawQuery);
        return problem ? deny(problem) : PERMIT;
      }
      case 'core.rbac': {
        const grants = await req.grants();
        if (!grants.principal) return deny('Authentication required.');
        return (await grants.hasPermission('core.download_rbaccontentguard', { model: 'core.rbaccontentguard', id: guard.id }))
          ? PERMIT
          : deny('You do not have permission to download this content.');
      }
      case 'core.composite': {
        // Any member permitting is enough; no members permits (as Pulp).
        if (!guard.guards.length) return PERMIT;
        const refusals: string[] = [];
        for (const id of guard.guards) {
          const member = depth < 4 ? await this.load(id) : undefined;
          if (!member) continue;
          const verdict = await this.permit(member, req, depth + 1);
          if (verdict.permitted) return PERMIT;
          refusals.push(`Guard: '${member.name}', denial: [${verdict.reason}]`);
        }
        return deny(`Access forbidden. Refusals: ${refusals.join(' ')}`);
      }
    }
  }

  private header(guard: ContentGuard, req: GuardedRequest): GuardVerdict {
    const raw = req.headers[(guard.headerName ?? '').toLowerCase()];
    if (!raw) return deny('Access denied.');
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (!guard.jqFilter) return decoded === guard.headerValue ? PERMIT : deny('Access denied.');
    const steps = parseJqPath(guard.jqFilter);
    let document: unknown;
    try {
      document = JSON.parse(decoded);
    } catch {
      return deny('Access denied.');
    }
    const value = steps ? followJqPath(document, steps) : undefined;
    return value === guard.headerValue ? PERMIT : deny('Access denied.');
  }
}
