import type { App } from '../../app/app';
import { generalDelete, type ObjectKindName } from '../../core/tasks/core-tasks';
import type { Route } from '../../http/route';
import type { ObjectSchema } from '../../http/schema/fields';
import type { DerivedNames, ObjectKind } from '../../plugin-api/definitions/naming';
import type { TypedAccess } from '../access/route-access';
import { detailParams } from './filters';
import { dispatchResponse, notFoundResponse, select, taskResponse } from './responses';

export interface ObjectRoute<T> {
  names: DerivedNames;
  /** `Inspect a file repository`: the operation's summary. */
  summary: string;
  /** The object of `{id}` of this type, or a 404. */
  find(app: App, id: string): Promise<T>;
  access: TypedAccess;
}

const detailOf = (names: DerivedNames) => ({ path: `${names.endpoint}{id}/`, href: { name: names.hrefParameter, prefix: `${names.endpoint}{id}/` } });

/** `GET {object}`: the object with `fields` / `exclude_fields` applied. */
export function readRoute<T>(o: ObjectRoute<T> & { schema: ObjectSchema; serialize(app: App, object: T): Record<string, unknown> | Promise<Record<string, unknown>> }): Route<App> {
  const { path, href } = detailOf(o.names);
  return {
    method: 'GET',
    path,
    operationId: `${o.names.operationPrefix}_read`,
    summary: o.summary,
    tags: [o.names.tag],
    hrefParameter: href,
    query: detailParams,
    access: o.access.on('retrieve'),
    responses: { 200: { description: 'The object.', schema: o.schema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, await o.serialize(app, await o.find(app, req.params.id!))) }),
  };
}

/** `DELETE {object}`: Pulp's immediate general_delete task, exclusive on the object. */
export function deleteRoute<T extends { id: string; pulpType: string }>(o: ObjectRoute<T> & { kind: ObjectKindName; prnKind: ObjectKind }): Route<App> {
  const { path, href } = detailOf(o.names);
  return {
    method: 'DELETE',
    path,
    operationId: `${o.names.operationPrefix}_delete`,
    summary: o.summary,
    tags: [o.names.tag],
    hrefParameter: href,
    access: o.access.on('destroy'),
    responses: { ...taskResponse, ...notFoundResponse },
    handler: async (req, app) => {
      const object = await o.find(app, req.params.id!);
      return dispatchResponse(app, req, generalDelete, { kind: o.kind, id: object.id }, {
        exclusiveResources: [app.hrefs.prn(o.prnKind, object.pulpType, object.id)],
        immediate: true,
      });
    },
  };
}
