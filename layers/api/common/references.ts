import type { App } from '../../app/app';
import type { VersionRef } from '../../core/ports/content-store';
import type { RepositoryVersion } from '../../core/models/repository';
import { validationError } from '../../http/errors';

/** Matches nothing: an href filter that names no object finds no rows (as Django's would). */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

export const noUrlMatch = (field: string, value?: string) =>
  validationError({ [field]: [value === undefined ? 'Invalid hyperlink - No URL match.' : `Invalid hyperlink - No URL match: ${value}`] });
export const doesNotExist = (field: string) => validationError({ [field]: ['Invalid hyperlink - Object does not exist.'] });

/** A body href (or PRN) that must name an object under one of `prefixes`; 400 in Pulp's words otherwise. */
export function bodyId(app: App, field: string, prefixes: readonly string[], value: unknown): string {
  const id = typeof value === 'string' ? app.names.idIn(prefixes, value) : undefined;
  if (!id) throw noUrlMatch(field);
  return id;
}

/** A filter href (or PRN) of `prefixes`; 400 when it is not one. */
export function filterId(app: App, q: Record<string, unknown>, name: string, prefixes: readonly string[]): string | undefined {
  const value = q[name] as string | undefined;
  if (value === undefined) return undefined;
  const id = app.names.idIn(prefixes, value);
  if (!id) throw noUrlMatch(name);
  return id;
}

/** Ids from `pulp_href__in` / `prn__in` (values that name nothing match nothing). */
export function idsIn(app: App, q: Record<string, unknown>, prefixes: readonly string[]): string[] | undefined {
  const values = [...((q.pulp_href__in as string[] | undefined) ?? []), ...((q.prn__in as string[] | undefined) ?? [])];
  if (!values.length) return undefined;
  return values.map((v) => app.names.idIn(prefixes, v) ?? NO_ID);
}

/** Every installed repository type's endpoint: versions of any of them may be named. */
export function repositoryPrefixes(app: App): string[] {
  return app.types.repositories.endpoints();
}

/**
 * A repository version by href (`{repo}versions/<n>/`) or PRN (`prn:core.repositoryversion:<id>`);
 * undefined when it is neither (the caller answers 400), null when it names no version.
 */
export async function findVersion(app: App, value: string): Promise<RepositoryVersion | null | undefined> {
  const parsed = app.names.version(repositoryPrefixes(app), value);
  if (!parsed) return undefined;
  const version = parsed.versionId
    ? await app.services.versions.byId(parsed.versionId)
    : await app.services.versions.get(parsed.repositoryId!, parsed.number!);
  if (!version) return null;
  // An href names the version under its repository's own type.
  if (parsed.repositoryPrefix && app.types.repositories.find(version.pulpType)?.names.endpoint !== parsed.repositoryPrefix) return null;
  return version;
}

/** A version filter (`repository_version=...`) as a membership reference; a version that does not exist matches nothing. */
export async function versionFilter(app: App, q: Record<string, unknown>, name: string): Promise<VersionRef | undefined> {
  const value = q[name] as string | undefined;
  if (value === undefined) return undefined;
  const version = await findVersion(app, value);
  if (version === undefined) throw noUrlMatch(name);
  return version ? { repositoryId: version.repositoryId, number: version.number } : { repositoryId: NO_ID, number: -1 };
}
