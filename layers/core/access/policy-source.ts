import type { AccessCatalog } from './access-catalog';
import type { PolicyDocument } from './access-policy';
import type { Found, Window } from '../models/page';
import type { TextMatch } from '../text-match';

/** A viewset's policy as stored (customized, or synced from its default). */
export interface StoredPolicy extends PolicyDocument {
  id: string;
  viewsetName: string;
  customized: boolean;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface PolicyFilter {
  viewsetName?: TextMatch;
  customized?: boolean;
  ids?: string[];
}

export interface PolicyStore {
  get(viewsetName: string): Promise<StoredPolicy | undefined>;
  getById(id: string): Promise<StoredPolicy | undefined>;
  list(filter: PolicyFilter, window: Window): Promise<Found<StoredPolicy>>;
  /** Inserts or replaces the viewset's row. */
  save(viewsetName: string, policy: PolicyDocument, customized: boolean): Promise<StoredPolicy>;
}

/** How long an instance trusts its copy of a policy; an update elsewhere shows after this. */
const CACHE_MS = 10_000;

/** The policy in force for each viewset: its row if there is one, else its default. */
export class PolicySource {
  private readonly cache = new Map<string, { at: number; policy: PolicyDocument }>();

  constructor(
    private readonly catalog: AccessCatalog,
    private readonly store: PolicyStore,
  ) {}

  async effective(viewset: string): Promise<PolicyDocument> {
    const hit = this.cache.get(viewset);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
    const row = this.catalog.viewset(viewset)?.defaultPolicy ? await this.store.get(viewset) : undefined;
    const policy = row ?? this.catalog.defaultPolicy(viewset);
    this.cache.set(viewset, { at: Date.now(), policy });
    return policy;
  }

  /** This instance sees its own updates at once. */
  forget(viewset: string): void {
    this.cache.delete(viewset);
  }

  /**
   * Writes every default policy that is not customized (new viewsets, changed defaults):
   * run at deploy, after migrations, as Pulp does after migrating.
   */
  async syncDefaults(): Promise<number> {
    let written = 0;
    for (const v of this.catalog.policyViewsets) {
      const row = await this.store.get(v.name);
      if (row?.customized) continue;
      const wanted = v.defaultPolicy!;
      if (row && samePolicy(row, wanted)) continue;
      await this.store.save(v.name, wanted, false);
      written += 1;
    }
    return written;
  }
}

function samePolicy(a: PolicyDocument, b: PolicyDocument): boolean {
  const norm = (p: PolicyDocument) => JSON.stringify([p.statements, p.creation_hooks ?? [], p.queryset_scoping ?? null]);
  return norm(a) === norm(b);
}
