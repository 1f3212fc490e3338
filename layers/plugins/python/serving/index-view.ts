// The index a `/pypi/<base_path>/` request is about: the python distribution at that base path,
// the repository version it serves, its pull-through remote, and where its files are served.

import { HttpError, type ContentUnit, type PluginServices, type Remote, type ServedDistribution, type ServedVersion } from '../../../plugin-api';

export const PYTHON_TYPE = 'python.python';

export interface IndexView extends ServedDistribution {
  remote: Remote | null;
  /** `<content origin>/pulp/content/<base_path>/`: files and their `.metadata` are served there. */
  filesUrl: string;
}

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** The index at `basePath`, or a 404 as pulp_python words it. */
export async function openIndex(services: PluginServices, basePath: string): Promise<IndexView> {
  const found = await services.distributionAt(basePath);
  if (!found || found.distribution.pulpType !== PYTHON_TYPE) {
    throw new HttpError(404, { detail: `No PythonDistribution found for base_path ${basePath}` });
  }
  const remote = found.distribution.remoteId ? ((await services.remotes.get(found.distribution.remoteId)) ?? null) : null;
  return { ...found, remote, filesUrl: `${services.origins.content}/pulp/content/${encodePath(basePath)}/` };
}

/** The URL a file of the index is downloaded from. */
export const fileUrl = (view: IndexView, filename: string): string => `${view.filesUrl}${encodeURIComponent(filename)}`;

const PAGE = 1000;

/** Every python package of a version matching the conditions, ordered by filename. */
export async function packagesIn(
  services: PluginServices,
  version: ServedVersion,
  conditions: Array<{ field: string; op: 'eq'; value: string }> = [],
): Promise<ContentUnit[]> {
  const units: ContentUnit[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await services.content.list(
      { pulpType: PYTHON_TYPE, inVersion: { repositoryId: version.repositoryId, number: version.number }, conditions, ordering: [{ field: 'filename', desc: false }] },
      { limit: PAGE, offset },
    );
    units.push(...page.results);
    if (units.length >= page.count || page.results.length < PAGE) return units;
  }
}
