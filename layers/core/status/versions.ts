/**
 * The Pulp versions we claim. pulp-glue gates behaviour on `core`: 3.81 is past every gate
 * we implement (content labels, checkpoints) and before the ones we do not (profile_artifacts
 * at 3.82, task.result at 3.86, repository_version on distributions at 3.106). Bump
 * `API_REVISION` whenever the OpenAPI document changes: pulp-cli re-reads its cached document
 * only when the versions in status/ differ from the document's, so the revision is a
 * component of its own there.
 */
export const CORE_VERSION = '3.81.0';
export const API_REVISION = '4';

export interface ComponentVersion {
  component: string;
  version: string;
  package: string;
  module: string;
  domain_compatible: boolean;
}

/** Core, each installed plugin, and this implementation's own revision, as status/ lists them. */
export function componentVersions(plugins: readonly ComponentVersion[]): ComponentVersion[] {
  return [
    { component: 'core', version: CORE_VERSION, package: 'pulpcore', module: 'pulpcore.app', domain_compatible: true },
    ...plugins,
    { component: 'serverless', version: `0.2.${API_REVISION}`, package: 'serverless-pulp', module: 'serverless_pulp', domain_compatible: false },
  ];
}

/** `info.x-pulp-app-versions` of the OpenAPI document: must equal the versions in status/. */
export function appVersions(components: readonly ComponentVersion[]): Record<string, string> {
  return Object.fromEntries(components.map((c) => [c.component, c.version]));
}
