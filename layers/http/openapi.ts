import type { HeaderParam, QueryParam, ResponseSpec, Route } from './route';
import { schemaNames, type ObjectSchema } from './schema/fields';
import { componentName, fieldSchema, objectSchema, type JsonSchema } from './schema/json-schema';

export interface OpenApiInfo {
  title: string;
  version: string;
  /** Must equal `status.versions`: pulp-glue compares them to decide whether to re-fetch. */
  appVersions: Record<string, string>;
  description?: string;
}

type Components = Map<string, JsonSchema>;

/** Every operation states its security, so nothing depends on the root default. */
const basicAuth = (): JsonSchema[] => [{ basicAuth: [] }];
/**
 * Public routes list `{}` (anonymous) beside basicAuth, as Pulp does for status: pulp-glue
 * picks the cheapest option, `{}`, and sends no credentials. An empty `security: []` does not
 * work: glue falls back to the root security, and for core < 3.85 its TLS quirk appends a
 * scheme it cannot complete ("No suitable auth scheme found.").
 */
const anonymous = (): JsonSchema => ({});

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** Registers a component, refusing two different definitions under one name. */
function register(components: Components, name: string, schema: JsonSchema): JsonSchema {
  const existing = components.get(name);
  if (existing && JSON.stringify(existing) !== JSON.stringify(schema))
    throw new Error(`Two different schemas are named ${name}`);
  components.set(name, schema);
  return ref(name);
}

function responseRef(components: Components, s: ObjectSchema): JsonSchema {
  return register(components, componentName(s, { variant: 'response' }), objectSchema(s, { variant: 'response' }));
}

function paginatedRef(components: Components, s: ObjectSchema): JsonSchema {
  const item = responseRef(components, s);
  const link = { type: ['string', 'null'], format: 'uri' };
  return register(components, schemaNames.paginated(s), {
    type: 'object',
    required: ['count', 'results'],
    properties: { count: { type: 'integer', example: 123 }, next: link, previous: link, results: { type: 'array', items: item } },
  });
}

function taskRef(components: Components): JsonSchema {
  return register(components, 'AsyncOperationResponse', {
    type: 'object',
    description: 'Serializer for asynchronous operations.',
    required: ['task'],
    properties: { task: { type: 'string', format: 'uri', description: 'The href of the task.' } },
  });
}

function responseObject(components: Components, spec: ResponseSpec): JsonSchema {
  const out: JsonSchema = { description: spec.description };
  const s = spec.schema;
  if (s === undefined) return out;
  if (s === 'html') return { ...out, content: { 'text/html': { schema: { type: 'string' } } } };
  const schema = s === 'task' ? taskRef(components) : 'paginated' in s ? paginatedRef(components, s.paginated) : responseRef(components, s);
  return { ...out, content: { 'application/json': { schema } } };
}

function queryParameter(q: QueryParam): JsonSchema {
  const p: JsonSchema = { name: q.name, in: 'query', schema: fieldSchema(q.field, 'request') };
  if (q.description !== undefined) p['description'] = q.description;
  if (q.field.kind === 'array') {
    p['style'] = 'form';
    p['explode'] = q.explode ?? true;
  }
  return p;
}

function headerParameter(h: HeaderParam): JsonSchema {
  const p: JsonSchema = { name: h.name, in: 'header', required: h.required ?? true, schema: fieldSchema(h.field, 'request') };
  if (h.description !== undefined) p['description'] = h.description;
  return p;
}

/** The documented path and its path parameters (a whole-href parameter replaces the prefix). */
function documentedPath(route: Route<unknown>): { path: string; params: JsonSchema[] } {
  let path = route.path;
  const params: JsonSchema[] = [];
  const pathParam = (name: string): JsonSchema => ({ name, in: 'path', required: true, schema: { type: 'string' } });
  if (route.hrefParameter) {
    const { name, prefix } = route.hrefParameter;
    if (!path.startsWith(prefix)) throw new Error(`${route.operationId}: ${path} does not start with ${prefix}`);
    path = `{${name}}${path.slice(prefix.length)}`;
    params.push(pathParam(name));
  }
  // A `{name+}` (several segments) is one string parameter in the document.
  path = path.replace(/\{([A-Za-z0-9_]+)\+\}/g, '{$1}');
  for (const m of path.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
    const name = m[1] as string;
    if (!params.some((p) => p['name'] === name)) params.push(pathParam(name));
  }
  return { path, params };
}

function operation(route: Route<unknown>, components: Components, params: JsonSchema[]): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(route.responses)) responses[status] = responseObject(components, spec);
  const op: JsonSchema = {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    // Always present: pulp-glue reads `parameters` of some list operations unconditionally.
    parameters: [...params, ...(route.headers ?? []).map(headerParameter), ...(route.query ?? []).map(queryParameter)],
    responses,
  };
  if (route.body) {
    const partial = route.body.partial ?? route.method === 'PATCH';
    const opts = { variant: 'request' as const, partial };
    const schema = register(components, componentName(route.body.schema, opts), objectSchema(route.body.schema, opts));
    const content = Object.fromEntries(route.body.contentTypes.map((ct) => [ct, { schema }]));
    const required = !partial && Object.values(route.body.schema.fields).some((fd) => fd.required && !fd.readOnly);
    op['requestBody'] = { content, required };
  }
  op['security'] = route.public ? [...basicAuth(), anonymous()] : basicAuth();
  return op;
}

/** The OpenAPI 3.1.1 document pulp-glue downloads from /pulp/api/v3/docs/api.json. */
// biome-ignore lint/suspicious/noExplicitAny: routes of any context type are documented alike
export function buildOpenApiDocument(routes: Route<any>[], info: OpenApiInfo): JsonSchema {
  const components: Components = new Map();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const seenIds = new Set<string>();
  for (const route of routes as Route<unknown>[]) {
    if (route.undocumented) continue;
    if (seenIds.has(route.operationId)) throw new Error(`Duplicate operationId ${route.operationId}`);
    seenIds.add(route.operationId);
    const { path, params } = documentedPath(route);
    const item = (paths[path] ??= {});
    item[route.method.toLowerCase()] = operation(route, components, params);
  }
  const schemas = Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.1',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description !== undefined ? { description: info.description } : {}),
      'x-pulp-app-versions': info.appVersions,
      'x-pulp-domain-enabled': false,
    },
    paths,
    components: {
      schemas,
      securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } },
    },
    security: basicAuth(),
  };
}
