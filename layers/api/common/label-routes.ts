import type { App } from '../../app/app';
import { validationError } from '../../http/errors';
import type { ApiRequest, Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { labelsProblem } from '../../http/schema/labels';
import type { TypedAccess } from '../access/route-access';
import { badRequestResponse, FORMS, notFoundResponse } from './responses';

const LabelBody = schema('SetLabel', {
  key: f.string({ required: true, maxLength: 255 }),
  value: f.string({ required: true, nullable: true, allowBlank: true, maxLength: 1024 }),
});
const UnsetLabelBody = schema('UnsetLabel', { key: f.string({ required: true, maxLength: 255 }) });
const LabelResponse = schema('SetLabel', { key: f.string(), value: f.string({ nullable: true }) });
const UnsetLabelResponse = schema('UnsetLabel', { key: f.string(), value: f.string({ nullable: true }) });

export interface Labelled {
  /** The object's detail path, e.g. `/pulp/api/v3/repositories/file/file/{id}/`. */
  path: string;
  operationPrefix: string;
  hrefParameter: { name: string; prefix: string };
  tags: string[];
  access: TypedAccess;
  /** The object's labels, or a 404. */
  labelsOf(app: App, id: string): Promise<Record<string, string>>;
  setLabels(app: App, id: string, labels: Record<string, string>): Promise<void>;
}

/** Pulp's `set_label/` and `unset_label/` actions (201 with the label) on any labelled object. */
export function labelRoutes(target: Labelled): Route<App>[] {
  const change = async (req: ApiRequest, app: App, remove: boolean) => {
    const labels = { ...(await target.labelsOf(app, req.params.id!)) };
    const key = String(req.body.key);
    let value: string | null;
    if (remove) {
      if (!(key in labels)) throw validationError({ key: [`Label '${key}' is not set on the object.`] });
      value = labels[key] ?? null;
      delete labels[key];
    } else {
      value = (req.body.value as string | null) ?? '';
      labels[key] = value;
      // The same rules as a whole `pulp_labels` map, including how many labels one object may carry.
      const problem = labelsProblem(labels);
      if (problem) throw validationError({ [problem.part === 'value' ? 'value' : 'key']: [problem.message] });
    }
    await target.setLabels(app, req.params.id!, labels);
    return { status: 201, body: { key, value } };
  };
  return [
    {
      method: 'POST',
      path: `${target.path}set_label/`,
      operationId: `${target.operationPrefix}_set_label`,
      access: target.access.on('set_label'),
      summary: 'Set a label',
      tags: target.tags,
      hrefParameter: target.hrefParameter,
      body: { schema: LabelBody, contentTypes: [...FORMS] },
      responses: { 201: { description: 'The label.', schema: LabelResponse }, ...badRequestResponse, ...notFoundResponse },
      handler: (req, app) => change(req, app, false),
    },
    {
      method: 'POST',
      path: `${target.path}unset_label/`,
      operationId: `${target.operationPrefix}_unset_label`,
      access: target.access.on('unset_label'),
      summary: 'Unset a label',
      tags: target.tags,
      hrefParameter: target.hrefParameter,
      body: { schema: UnsetLabelBody, contentTypes: [...FORMS] },
      responses: { 201: { description: 'The removed label.', schema: UnsetLabelResponse }, ...badRequestResponse, ...notFoundResponse },
      handler: (req, app) => change(req, app, true),
    },
  ];
}
