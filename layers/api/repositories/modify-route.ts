import type { RouteAccess } from '../../core/access/route-access';
import type { App } from '../../app/app';
import { modifyTask } from '../../core/tasks/core-tasks';
import { validationError } from '../../http/errors';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import type { RepositoryTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed } from '../../plugin-api/installed-types';
import { doesNotExist, findVersion, noUrlMatch } from '../common/references';
import { badRequestResponse, dispatchResponse, FORMS, notFoundResponse, taskResponse } from '../common/responses';
import { repositoryOr404 } from './repository-routes';

const ModifyBody = schema('RepositoryAddRemoveContent', {
  add_content_units: f.array(f.string(), { description: 'A list of content units to add to a new repository version.' }),
  remove_content_units: f.array(f.string(), {
    description: 'A list of content units to remove from the latest repository version. You may also specify "*" as an entry to remove all content.',
  }),
  base_version: f.href({
    nullable: true,
    description: 'A repository version whose content will be used as the initial set of content for the new repository version',
  }),
});

/** Body hrefs (or PRNs) of content units → ids, each checked to exist. */
async function contentIds(app: App, prefixes: string[], field: string, values: string[]): Promise<string[]> {
  const ids = values.map((v) => {
    const id = app.names.idIn(prefixes, v);
    if (!id) throw noUrlMatch(field, v);
    return id;
  });
  const unique = [...new Set(ids)];
  const found = unique.length ? await app.data.content.versionUnits(unique) : [];
  if (found.length !== unique.length) throw doesNotExist(field);
  return unique;
}

/** `POST {repo}modify/`: a new version from the latest (or any version of a repository of the same type) plus a change. */
export function modifyRoute(type: Installed<RepositoryTypeDefinition>, access: RouteAccess): Route<App> {
  const { names, definition } = type;
  return {
    method: 'POST',
    path: `${names.endpoint}{id}/modify/`,
    operationId: `${names.operationPrefix}_modify`,
    summary: 'Modify repository',
    tags: [names.tag],
    hrefParameter: { name: names.hrefParameter, prefix: `${names.endpoint}{id}/` },
    body: { schema: ModifyBody, contentTypes: [...FORMS] },
    access,
    responses: { ...taskResponse, ...badRequestResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const repo = await repositoryOr404(app, definition.pulpType, req.params.id!);
      const prefixes = definition.contentTypes.map((t) => app.types.content.get(t).names.endpoint);
      const add = await contentIds(app, prefixes, 'add_content_units', (req.body.add_content_units as string[] | undefined) ?? []);
      const removeValues = (req.body.remove_content_units as string[] | undefined) ?? [];
      const remove = removeValues.includes('*') ? ('*' as const) : await contentIds(app, prefixes, 'remove_content_units', removeValues);
      let baseVersionId: string | undefined;
      if (req.body.base_version) {
        const base = await findVersion(app, String(req.body.base_version));
        if (base === undefined) throw noUrlMatch('base_version');
        if (base === null) throw doesNotExist('base_version');
        if (base.pulpType !== repo.pulpType)
          throw validationError({ base_version: ['The base version must belong to a repository of the same type.'] });
        baseVersionId = base.id;
      }
      const exclusive = [app.hrefs.prn('repositories', repo.pulpType, repo.id)];
      return dispatchResponse(app, req, modifyTask, { repositoryId: repo.id, add, remove, baseVersionId }, { exclusiveResources: exclusive });
    },
  };
}
