import type { App } from '../../../app/app';
import { LabelSelectError, parseLabelSelect } from '../../../core/labels/label-select';
import { notFound, validationError } from '../../../http/errors';
import { applyFieldSelection, listQueryParams, pageWindow, paginate } from '../../../http/pagination';
import type { ApiRequest, QueryParam, Route } from '../../../http/route';
import { f } from '../../../http/schema/fields';
import { taskHref } from '../../../http/serializers/task';
import { REMOTE_KIND, REMOTES_PATH, remotePrn, type RemoteAttributes } from './remote';
import { FileRemoteSchema } from './remote-schema';
import { remoteProblems } from './remote-service';
import { serializeRemote } from './remote-serializer';
import { remoteServices } from './remote-services';
import { RemoteNameTaken, type RemoteFilter } from './remote-store';
import { GENERAL_TASKS } from '../../general-tasks';

const DETAIL = `${REMOTES_PATH}{id}/`;
const HREF = { name: 'file_file_remote_href', prefix: DETAIL };
const TAGS = ['Remotes: File'];
const str = (name: string): QueryParam => ({ name, field: f.string() });
const list = (name: string): QueryParam => ({ name, field: f.array(f.string()), explode: false });

export const remoteFilters: QueryParam[] = [
  str('name'),
  list('name__in'),
  str('name__contains'),
  str('name__icontains'),
  str('name__startswith'),
  str('name__istartswith'),
  str('pulp_label_select'),
];

// A real UUID only: 36 hex-or-dash characters that are not one would fail the uuid[] cast (500).
const UUID = /([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/$/;

/** Parses list filters; a bad label selector is Pulp's 400 on `pulp_label_select`. */
export function remoteFilter(q: Record<string, unknown>): RemoteFilter {
  let labelSelect;
  if (typeof q.pulp_label_select === 'string') {
    try {
      labelSelect = parseLabelSelect(q.pulp_label_select);
    } catch (err) {
      if (err instanceof LabelSelectError) throw validationError({ pulp_label_select: [err.message] });
      throw err;
    }
  }
  const hrefs = q.pulp_href__in as string[] | undefined;
  const prns = q.prn__in as string[] | undefined;
  const ids = [...(hrefs ?? []), ...(prns ?? [])].map((h) => UUID.exec(h.endsWith('/') ? h : `${h}/`)?.[1]?.toLowerCase() ?? '00000000-0000-0000-0000-000000000000');
  return {
    name: {
      exact: q.name as string | undefined,
      in: q.name__in as string[] | undefined,
      contains: q.name__contains as string | undefined,
      icontains: q.name__icontains as string | undefined,
      startswith: q.name__startswith as string | undefined,
      istartswith: q.name__istartswith as string | undefined,
    },
    labelSelect,
    ids: hrefs || prns ? ids : undefined,
    ordering: q.ordering as string[] | undefined,
  };
}

const select = (req: ApiRequest, body: Record<string, unknown>) =>
  applyFieldSelection(body, req.query.fields as string[] | undefined, req.query.exclude_fields as string[] | undefined);

async function findRemote(req: ApiRequest, app: App) {
  const remote = await remoteServices(app).store.get(req.params.id!);
  if (!remote) throw notFound();
  return remote;
}

function checkValues(values: Partial<RemoteAttributes>): void {
  const problems = remoteProblems(values);
  if (Object.keys(problems).length) throw validationError(problems);
}

export const remoteRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: REMOTES_PATH,
    operationId: 'remotes_file_file_list',
    summary: 'List file remotes',
    tags: TAGS,
    query: listQueryParams(remoteFilters),
    responses: { 200: { description: 'A page of file remotes.', schema: { paginated: FileRemoteSchema } } },
    handler: async (req, app) => {
      const window = pageWindow(req.query);
      const { count, results } = await remoteServices(app).store.list(remoteFilter(req.query), window);
      const items = results.map((r) => select(req, serializeRemote(r)));
      return { status: 200, body: paginate({ count, results: items, ...window, path: req.path, rawQuery: req.rawQuery }) };
    },
  },
  {
    method: 'POST',
    path: REMOTES_PATH,
    operationId: 'remotes_file_file_create',
    summary: 'Create a file remote',
    tags: TAGS,
    body: { schema: FileRemoteSchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] },
    responses: { 201: { description: 'The new remote.', schema: FileRemoteSchema }, 400: { description: 'Invalid input.' } },
    handler: async (req, app) => {
      const values = req.body as Partial<RemoteAttributes> & Pick<RemoteAttributes, 'name' | 'url'>;
      checkValues(values);
      const services = remoteServices(app);
      if (await services.store.findByName(values.name)) throw validationError({ name: ['This field must be unique.'] });
      // The check above is only a courtesy: a concurrent create can still take the name first.
      const remote = await services.remotes.create(values).catch((err: unknown) => {
        if (err instanceof RemoteNameTaken) throw validationError({ name: ['This field must be unique.'] });
        throw err;
      });
      return { status: 201, body: serializeRemote(remote) };
    },
  },
  {
    method: 'GET',
    path: DETAIL,
    operationId: 'remotes_file_file_read',
    summary: 'Inspect a file remote',
    tags: TAGS,
    hrefParameter: HREF,
    query: [list('fields'), list('exclude_fields')],
    responses: { 200: { description: 'The remote.', schema: FileRemoteSchema }, 404: { description: 'Not found.' } },
    handler: async (req, app) => ({ status: 200, body: select(req, serializeRemote(await findRemote(req, app))) }),
  },
  {
    method: 'PATCH',
    path: DETAIL,
    operationId: 'remotes_file_file_partial_update',
    summary: 'Update a file remote',
    tags: TAGS,
    hrefParameter: HREF,
    body: { schema: FileRemoteSchema, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], partial: true },
    responses: {
      200: { description: 'Nothing changed: the remote.', schema: FileRemoteSchema },
      202: { description: 'The update task.', schema: 'task' },
      400: { description: 'Invalid input.' },
      404: { description: 'Not found.' },
    },
    handler: async (req, app) => {
      const remote = await findRemote(req, app);
      const values = req.body as Partial<RemoteAttributes>;
      checkValues(values);
      const services = remoteServices(app);
      const changes = services.remotes.changes(remote, values);
      if (!Object.keys(changes).length) return { status: 200, body: serializeRemote(remote) };
      if (changes.name !== undefined && (await services.store.findByName(changes.name))) {
        throw validationError({ name: ['This field must be unique.'] });
      }
      const task = await app.dispatcher.dispatch({
        name: GENERAL_TASKS.update,
        args: { kind: REMOTE_KIND, id: remote.id, changes },
        exclusiveResources: [remotePrn(remote.id)],
        loggingCid: req.correlationId,
        immediate: true,
      });
      return { status: 202, body: { task: taskHref(task.id) } };
    },
  },
  {
    method: 'DELETE',
    path: DETAIL,
    operationId: 'remotes_file_file_delete',
    summary: 'Delete a file remote',
    tags: TAGS,
    hrefParameter: HREF,
    responses: { 202: { description: 'The delete task.', schema: 'task' }, 404: { description: 'Not found.' } },
    handler: async (req, app) => {
      const remote = await findRemote(req, app);
      const task = await app.dispatcher.dispatch({
        name: GENERAL_TASKS.delete,
        args: { kind: REMOTE_KIND, id: remote.id },
        exclusiveResources: [remotePrn(remote.id)],
        loggingCid: req.correlationId,
        immediate: true,
      });
      return { status: 202, body: { task: taskHref(task.id) } };
    },
  },
];

/** Pulp's generic `remotes/` list: every remote of every type (only file remotes exist here). */
export const genericRemoteListRoute: Route<App> = {
  ...remoteRoutes[0]!,
  path: '/pulp/api/v3/remotes/',
  operationId: 'remotes_list',
  summary: 'List remotes of every type',
  tags: ['Remotes'],
};
