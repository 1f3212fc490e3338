import { newId } from '../../../core/ids';
import type { PolicyDocument } from '../../../core/access/access-policy';
import type { PolicyFilter, PolicyStore, StoredPolicy } from '../../../core/access/policy-source';
import type { Found, Window } from '../../../core/models/page';
import type { Queryable } from '../database';
import { addTextFilter, SqlFilter } from '../sql-filter';

interface PolicyRow {
  id: string;
  viewset_name: string;
  statements: PolicyDocument['statements'];
  creation_hooks: PolicyDocument['creation_hooks'];
  queryset_scoping: PolicyDocument['queryset_scoping'];
  customized: boolean;
  pulp_created: string;
  pulp_last_updated: string;
}

const toPolicy = (r: PolicyRow): StoredPolicy => ({
  id: r.id,
  viewsetName: r.viewset_name,
  statements: r.statements,
  creation_hooks: r.creation_hooks ?? [],
  queryset_scoping: r.queryset_scoping ?? null,
  customized: r.customized,
  pulpCreated: r.pulp_created,
  pulpLastUpdated: r.pulp_last_updated,
});

/** Access policies in Postgres, one row per viewset. */
export class PgPolicyStore implements PolicyStore {
  constructor(private readonly db: Queryable) {}

  async get(viewsetName: string): Promise<StoredPolicy | undefined> {
    const { rows } = await this.db.query<PolicyRow>('SELECT * FROM access_policies WHERE viewset_name = $1', [viewsetName]);
    return rows[0] ? toPolicy(rows[0]) : undefined;
  }

  async getById(id: string): Promise<StoredPolicy | undefined> {
    const { rows } = await this.db.query<PolicyRow>('SELECT * FROM access_policies WHERE id = $1', [id]);
    return rows[0] ? toPolicy(rows[0]) : undefined;
  }

  async list(filter: PolicyFilter, window: Window): Promise<Found<StoredPolicy>> {
    const where = new SqlFilter().when(filter.ids, 'id = ANY($?::uuid[])').when(filter.customized, 'customized = $?');
    addTextFilter(where, 'viewset_name', filter.viewsetName);
    const count = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_policies ${where.sql()}`, where.params);
    const limit = where.param(window.limit);
    const offset = where.param(window.offset);
    const { rows } = await this.db.query<PolicyRow>(`SELECT * FROM access_policies ${where.sql()} ORDER BY viewset_name LIMIT ${limit} OFFSET ${offset}`, where.params);
    return { count: count.rows[0]!.n, results: rows.map(toPolicy) };
  }

  async save(viewsetName: string, policy: PolicyDocument, customized: boolean): Promise<StoredPolicy> {
    const { rows } = await this.db.query<PolicyRow>(
      `INSERT INTO access_policies (id, viewset_name, statements, creation_hooks, queryset_scoping, customized)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (viewset_name) DO UPDATE SET statements = EXCLUDED.statements, creation_hooks = EXCLUDED.creation_hooks,
         queryset_scoping = EXCLUDED.queryset_scoping, customized = EXCLUDED.customized, pulp_last_updated = clock_timestamp()
       RETURNING *`,
      [
        newId(),
        viewsetName,
        JSON.stringify(policy.statements),
        JSON.stringify(policy.creation_hooks ?? []),
        policy.queryset_scoping ? JSON.stringify(policy.queryset_scoping) : null,
        customized,
      ],
    );
    return toPolicy(rows[0]!);
  }
}
