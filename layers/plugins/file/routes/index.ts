import type { App } from '../../../app/app';
import type { Route } from '../../../http/route';
import { artifactRoutes } from './artifact-routes';
import { contentRoutes } from './content-routes';
import { distributionRoutes } from './distribution-routes';
import { genericRoutes } from './generic-routes';
import { publicationRoutes } from './publication-routes';
import { repositoryRoutes } from './repository-routes';
import { uploadRoutes } from './upload-routes';
import { versionRoutes } from './version-routes';

/** Every route of the file plugin (and the core objects it brings: artifacts, uploads, orphans). */
export function fileRoutes(): Route<App>[] {
  return [
    ...repositoryRoutes,
    ...versionRoutes,
    ...contentRoutes,
    ...artifactRoutes,
    ...uploadRoutes,
    ...publicationRoutes,
    ...distributionRoutes,
    ...genericRoutes,
  ];
}
