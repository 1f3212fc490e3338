/** One statement of an access policy, as drf-access-policy (and Pulp's API) spells it. */
export interface PolicyStatement {
  action: string | string[];
  principal: string | string[];
  effect: 'allow' | 'deny';
  /** Every condition must hold (a string is one condition). */
  condition?: string | string[];
  /** Boolean expressions over conditions (`a and (b or not c)`); every one must hold. */
  condition_expression?: string | string[];
}

/** `add_roles_for_object_creator` and friends, run when an object of the viewset is created. */
export interface CreationHook {
  function: string;
  parameters?: Record<string, unknown> | null;
}

/** A viewset's policy: who may do what, what creation grants, and whether lists are scoped. */
export interface PolicyDocument {
  statements: PolicyStatement[];
  creation_hooks?: CreationHook[];
  queryset_scoping?: { function: string; parameters?: Record<string, unknown> | null } | null;
}

/** Pulp's fallback for a viewset without a policy of its own: the admin, and nobody else. */
export const ADMIN_ONLY: PolicyDocument = { statements: [{ action: '*', principal: 'admin', effect: 'allow' }] };

/** The creation hook that makes the creator owner of what they create. */
export const creatorGets = (...roles: string[]): CreationHook[] => [
  { function: 'add_roles_for_object_creator', parameters: { roles: roles.length === 1 ? roles[0]! : roles } },
];

export const SCOPED = { function: 'scope_queryset' } as const;

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Problems with a policy a client sends (400 on `access_policies/` update). */
export function statementProblems(statements: unknown): string[] {
  if (!Array.isArray(statements)) return ['Expected a list of statements.'];
  const problems: string[] = [];
  statements.forEach((s, i) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      problems.push(`Statement ${i} is not an object.`);
      return;
    }
    const st = s as Record<string, unknown>;
    for (const key of ['action', 'principal'] as const) {
      const v = st[key];
      const ok = typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
      if (!ok) problems.push(`Statement ${i}: "${key}" must be a string or a list of strings.`);
    }
    if (st.effect !== 'allow' && st.effect !== 'deny') problems.push(`Statement ${i}: "effect" must be "allow" or "deny".`);
    for (const key of ['condition', 'condition_expression'] as const) {
      const v = st[key];
      if (v !== undefined && !(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))))
        problems.push(`Statement ${i}: "${key}" must be a string or a list of strings.`);
    }
  });
  return problems;
}

export { asList };
