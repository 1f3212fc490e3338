import type { RouteAccess } from '../../core/access/route-access';
import type { App } from '../../app/app';
import { syncTask } from '../../core/tasks/core-tasks';
import { validationError } from '../../http/errors';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import type { RepositoryTypeDefinition, SyncDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed } from '../../plugin-api/installed-types';
import { doesNotExist, noUrlMatch } from '../common/references';
import { dispatchResponse, FORMS } from '../common/responses';
import { repositoryOr404 } from './repository-routes';

/** `POST {repo}sync/`: Pulp's RepositorySyncURL body plus the type's own fields; the sync runs as the plugin's task. */
export function syncRoute(type: Installed<RepositoryTypeDefinition>, sync: SyncDefinition, access: RouteAccess): Route<App> {
  const { names, definition } = type;
  const Body = schema(`${names.schemaName.split('.')[0]}.${definition.className}SyncURL`, {
    remote: f.href({ description: 'A remote to sync from. This will override a remote set on repository.' }),
    mirror: f.boolean({
      default: false,
      description: 'If True, synchronization will remove all content that is not present in the remote repository. If False, sync will be additive only.',
    }),
    ...sync.fields,
  });
  const handle = syncTask(sync.taskName);
  return {
    method: 'POST',
    path: `${names.endpoint}{id}/sync/`,
    operationId: `${names.operationPrefix}_sync`,
    summary: 'Sync from a remote',
    tags: [names.tag],
    hrefParameter: { name: names.hrefParameter, prefix: `${names.endpoint}{id}/` },
    body: { schema: Body, contentTypes: [...FORMS] },
    access,
    responses: {
      202: { description: 'The sync task.', schema: 'task' },
      400: { description: 'No remote, an unknown remote, or mirror with autopublish.' },
      404: { description: 'Not found.' },
    },
    handler: async (req, app) => {
      const repository = await repositoryOr404(app, definition.pulpType, req.params.id!);
      let remoteId = repository.remoteId;
      if (typeof req.body.remote === 'string') {
        const prefixes = definition.remoteTypes.map((t) => app.types.remotes.get(t).names.endpoint);
        const id = app.names.idIn(prefixes, req.body.remote);
        if (!id) throw noUrlMatch('remote');
        const remote = await app.services.remotes.get(id);
        if (!remote || !definition.remoteTypes.includes(remote.pulpType)) throw doesNotExist('remote');
        remoteId = id;
      }
      if (!remoteId) throw validationError({ remote: ['A remote must be specified, in the request or on the repository.'] });
      const remote = await app.services.remotes.get(remoteId);
      if (!remote) throw doesNotExist('remote');
      const mirror = req.body.mirror === true;
      if (mirror && repository.autopublish) {
        throw validationError({
          mirror: ["Cannot use 'mirror=True' on a repository with 'autopublish=True': mirror mode makes its own publication."],
        });
      }
      const options = Object.fromEntries(Object.keys(sync.fields).filter((k) => k in req.body).map((k) => [k, req.body[k]]));
      return dispatchResponse(app, req, handle, { repositoryId: repository.id, remoteId, mirror, options }, {
        exclusiveResources: [app.hrefs.prn('repositories', repository.pulpType, repository.id)],
        sharedResources: [app.hrefs.prn('remotes', remote.pulpType, remote.id)],
      });
    },
  };
}
