import type { App } from '../../../app/app';
import { validationError, notFound } from '../../../http/errors';
import type { Route } from '../../../http/route';
import { f, schema } from '../../../http/schema/fields';
import { taskHref } from '../../../http/serializers/task';
import { idFromHref, prns } from '../hrefs';
import { SYNC_TASK, type SyncArgs } from './synchronize';
import { syncServices } from './sync-services';

/** Pulp's RepositorySyncURL body. */
export const RepositorySyncUrlSchema = schema('RepositorySyncURL', {
  remote: f.href({ description: 'A remote to sync from. This will override a remote set on repository.' }),
  mirror: f.boolean({ default: false, description: 'If True, synchronization will remove all content that is not present in the remote repository. If False, sync will be additive only.' }),
  optimize: f.boolean({ default: true, description: 'Whether or not to optimize sync.' }),
});

export const syncRoutes: Route<App>[] = [
  {
    method: 'POST',
    path: '/pulp/api/v3/repositories/file/file/{id}/sync/',
    operationId: 'repositories_file_file_sync',
    summary: 'Sync from a remote',
    tags: ['Repositories: File'],
    hrefParameter: { name: 'file_file_repository_href', prefix: '/pulp/api/v3/repositories/file/file/{id}/' },
    body: { schema: RepositorySyncUrlSchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: {
      202: { description: 'The sync task.', schema: 'task' },
      400: { description: 'No remote, an unknown remote, or mirror with autopublish.' },
      404: { description: 'Not found.' },
    },
    handler: async (req, app) => {
      const services = syncServices(app);
      const repository = await services.getRepository(req.params.id!);
      if (!repository) throw notFound();
      let remoteId = repository.remoteId;
      if (typeof req.body.remote === 'string') {
        const id = idFromHref('remote', req.body.remote);
        if (!id || !(await services.getRemote(id))) {
          throw validationError({ remote: ['Invalid hyperlink - Object does not exist.'] });
        }
        remoteId = id;
      }
      if (!remoteId) throw validationError({ remote: ['A remote must be specified, in the request or on the repository.'] });
      const mirror = req.body.mirror === true;
      if (mirror && repository.autopublish) {
        throw validationError({
          mirror: ["Cannot use 'mirror=True' on a repository with 'autopublish=True': mirror mode makes its own publication."],
        });
      }
      const args: SyncArgs = { repositoryId: repository.id, remoteId, mirror, optimize: req.body.optimize !== false };
      const task = await app.dispatcher.dispatch({
        name: SYNC_TASK,
        args: { ...args },
        exclusiveResources: [prns.repository(repository.id)],
        sharedResources: [prns.remote(remoteId)],
        loggingCid: req.correlationId,
      });
      return { status: 202, body: { task: taskHref(task.id) } };
    },
  },
];
