import type { App } from '../../app/app';
import type { ContentGuard } from '../../core/access/content-guard';
import type { GuardType } from '../../core/access/core-viewsets';
import { f, schema, type Field, type ObjectSchema } from '../../http/schema/fields';
import { GROUPS, USERS } from '../access/object-hrefs';
import { commonFields } from '../common/common-fields';
import { guardHref, guardPrn } from './guard-names';

const guardFields = (): Record<string, Field> => ({
  ...commonFields(),
  name: f.string({ required: true, description: 'The unique name.' }),
  description: f.string({ nullable: true, description: 'An optional description.' }),
});

const EXTRA: Record<GuardType['type'], Record<string, Field>> = {
  rbac: {
    users: f.array(f.json(), { readOnly: true }),
    groups: f.array(f.json(), { readOnly: true }),
  },
  header: {
    header_name: f.string({ required: true, description: 'The header name the guard will check on.' }),
    header_value: f.string({ required: true, description: 'The value that will authorize the request.' }),
    jq_filter: f.string({
      nullable: true,
      description: 'A JQ syntax compatible filter. If jq_filter is not set, then the value will only be Base64 decoded and checked as an explicit string match.',
    }),
  },
  content_redirect: {},
  composite: {
    guards: f.array(f.href(), { nullable: true, description: 'List of ContentGuards to ask for access-permission.' }),
  },
};

export function guardSchema(g: GuardType): ObjectSchema {
  return schema(g.className, { ...guardFields(), ...EXTRA[g.type] });
}

export const GenericGuardSchema = schema('ContentGuard', guardFields());

/** A guard as Pulp shows it; an RBAC guard lists who may download through it. */
export async function serializeGuard(app: App, guard: ContentGuard): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    pulp_href: guardHref(guard.pulpType, guard.id),
    prn: guardPrn(guard.pulpType, guard.id),
    pulp_created: guard.pulpCreated,
    pulp_last_updated: guard.pulpLastUpdated,
    name: guard.name,
    description: guard.description,
  };
  switch (guard.pulpType) {
    case 'core.header':
      return { ...out, header_name: guard.headerName, header_value: guard.headerValue, jq_filter: guard.jqFilter };
    case 'core.composite': {
      const members = await Promise.all(guard.guards.map((id) => app.access.guards.get(id)));
      return { ...out, guards: members.filter((m) => m !== undefined).map((m) => guardHref(m.pulpType, m.id)) };
    }
    case 'core.rbac': {
      const holders = await app.access.roles.holdersWithPermission({ model: 'core.rbaccontentguard', id: guard.id }, 'core.download_rbaccontentguard');
      return {
        ...out,
        users: holders.users.map((u) => ({ username: u.username, pulp_href: `${USERS}${u.pk}/`, prn: `prn:auth.user:${u.pk}` })),
        groups: holders.groups.map((g) => ({ name: g.name, pulp_href: `${GROUPS}${g.pk}/`, prn: `prn:core.group:${g.pk}`, id: g.pk })),
      };
    }
    default:
      return out;
  }
}
