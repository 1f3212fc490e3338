import { prnToHref } from '../../core/resource-names';

/** API hrefs of the file plugin's objects (and the core ones it shows), and their parsing. */
const API = '/pulp/api/v3/';

export const prefixes = {
  repository: `${API}repositories/file/file/`,
  remote: `${API}remotes/file/file/`,
  content: `${API}content/file/files/`,
  publication: `${API}publications/file/file/`,
  distribution: `${API}distributions/file/file/`,
  artifact: `${API}artifacts/`,
  upload: `${API}uploads/`,
  contentGuard: `${API}contentguards/core/rbac/`,
} as const;

export type HrefKind = keyof typeof prefixes;

export const hrefs = {
  repository: (id: string) => `${prefixes.repository}${id}/`,
  version: (repoId: string, n: number) => `${prefixes.repository}${repoId}/versions/${n}/`,
  versions: (repoId: string) => `${prefixes.repository}${repoId}/versions/`,
  remote: (id: string) => `${prefixes.remote}${id}/`,
  content: (id: string) => `${prefixes.content}${id}/`,
  publication: (id: string) => `${prefixes.publication}${id}/`,
  distribution: (id: string) => `${prefixes.distribution}${id}/`,
  artifact: (id: string) => `${prefixes.artifact}${id}/`,
  upload: (id: string) => `${prefixes.upload}${id}/`,
  contentGuard: (id: string) => `${prefixes.contentGuard}${id}/`,
};

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

/** The id an href (or PRN) of `kind` names; undefined if it is not one. */
export function idFromHref(kind: HrefKind, href: string): string | undefined {
  const resolved = href.startsWith('prn:') ? prnToHref(href) : href;
  if (!resolved) return undefined;
  const m = new RegExp(`^${prefixes[kind]}${UUID}/$`).exec(resolved);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** `{repo}versions/<n>/` → repository id and number. */
export function versionFromHref(href: string): { repositoryId: string; number: number } | undefined {
  const m = new RegExp(`^${prefixes.repository}${UUID}/versions/(\\d+)/$`).exec(href);
  // Version numbers are a Postgres integer: a bigger one cannot name a version.
  if (!m || Number(m[2]) > 2147483647) return undefined;
  return { repositoryId: m[1]!.toLowerCase(), number: Number(m[2]) };
}

export const prns = {
  repository: (id: string) => `prn:file.filerepository:${id}`,
  remote: (id: string) => `prn:file.fileremote:${id}`,
  content: (id: string) => `prn:file.filecontent:${id}`,
  publication: (id: string) => `prn:file.filepublication:${id}`,
  distribution: (id: string) => `prn:file.filedistribution:${id}`,
  version: (id: string) => `prn:core.repositoryversion:${id}`,
  artifact: (id: string) => `prn:core.artifact:${id}`,
  upload: (id: string) => `prn:core.upload:${id}`,
};
