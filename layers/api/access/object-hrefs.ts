import type { App } from '../../app/app';
import { parsePrn, prnOf, type ObjectRef } from '../../core/access/object-ref';
import { VERSION_MODEL } from '../../core/resources/resource-names';

export const USERS = '/pulp/api/v3/users/';
export const GROUPS = '/pulp/api/v3/groups/';

/** Integer-keyed collections (Pulp's users and groups), which ResourceNames (UUIDs) does not cover. */
const NUMBERED: Array<{ prefix: string; model: string }> = [
  { prefix: USERS, model: 'auth.user' },
  { prefix: GROUPS, model: 'core.group' },
];

async function versionRepository(app: App, value: string): Promise<ObjectRef | undefined> {
  const parsed = app.names.version(app.types.repositories.endpoints(), value);
  if (!parsed) return undefined;
  if (parsed.repositoryId) {
    const type = app.types.repositories.all.find((r) => r.names.endpoint === parsed.repositoryPrefix);
    return type ? { model: type.names.model, id: parsed.repositoryId } : undefined;
  }
  const version = await app.services.versions.byId(parsed.versionId!);
  const type = version && app.types.repositories.find(version.pulpType);
  return type ? { model: type.names.model, id: version.repositoryId } : undefined;
}

/**
 * The object an href or PRN names, for permission checks and role assignments. A repository
 * version names its repository: permissions on versions are the repository's.
 */
export async function resolveObject(app: App, value: string): Promise<ObjectRef | undefined> {
  for (const { prefix, model } of NUMBERED) {
    const m = value.startsWith(prefix) ? /^(\d{1,18})\/$/.exec(value.slice(prefix.length)) : null;
    if (m) return { model, id: m[1]! };
  }
  const prn = parsePrn(value);
  if (prn?.model === VERSION_MODEL || /\/versions\/\d+\/$/.test(value)) return versionRepository(app, value);
  if (prn) return prn;
  const converted = app.names.hrefToPrn(value);
  return converted ? parsePrn(converted) : undefined;
}

/** The href of an object a role is assigned on. */
export function objectHref(app: App, object: ObjectRef): string | null {
  const numbered = NUMBERED.find((n) => n.model === object.model);
  if (numbered) return `${numbered.prefix}${object.id}/`;
  return app.names.prnToHref(prnOf(object)) ?? null;
}
