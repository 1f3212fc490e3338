import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../layers/api/route-table';
import { API_REVISION, appVersions, componentVersions, CORE_VERSION } from '../../../layers/core/status/versions';
import { buildOpenApiDocument } from '../../../layers/http/openapi';
import { InstalledTypes } from '../../../layers/plugin-api/installed-types';
import { installedPlugins } from '../../../layers/plugins';

// The whole route table (core and the installed plugins) and the document pulp-glue downloads from it.
const types = new InstalledTypes(installedPlugins);
const COMPONENTS = componentVersions(types.components());
const all = apiRoutes(types, COMPONENTS);
const routes = all.filter((r) => !r.undocumented);
const doc = buildOpenApiDocument(all, {
  title: 'Pulp 3 API',
  version: `${CORE_VERSION}+serverless.${API_REVISION}`,
  appVersions: appVersions(COMPONENTS),
}) as any;

/** The documented path of a route: the whole-href parameter replaces its prefix. */
function documentedPath(route: (typeof routes)[number]): string {
  const h = route.hrefParameter;
  // A `{name+}` (several segments, a base path) is one parameter in the document.
  const path = route.path.replace(/\{([A-Za-z0-9_]+)\+\}/g, '{$1}');
  return h ? `{${h.name}}${path.slice(h.prefix.length)}` : path;
}

const operations = routes.map((route) => ({
  route,
  path: documentedPath(route),
  op: doc.paths[documentedPath(route)]?.[route.method.toLowerCase()],
}));
const table = operations.map((o) => [o.route.operationId, o] as const);

const semver = (v: string) => v.split('.').map(Number) as [number, number, number];
const atLeast = (v: string, min: string) => {
  const [a, b] = [semver(v), semver(min)];
  for (let i = 0; i < 3; i += 1) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
};

describe('the served OpenAPI document against the route table', () => {
  it('claims the versions status/ reports, with core new enough for pulp-glue 0.41', () => {
    // Prepare
    const fromStatus = Object.fromEntries(COMPONENTS.map((c) => [c.component, c.version]));

    // Act
    const claimed = doc.info['x-pulp-app-versions'];

    // Assess
    expect(claimed).toEqual(fromStatus);
    expect(Object.keys(claimed)).toEqual(expect.arrayContaining(['core', 'file']));
    expect(atLeast(claimed.core, '3.49.0')).toBe(true);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info['x-pulp-domain-enabled']).toBe(false);
    expect(doc.components.securitySchemes.basicAuth).toEqual({ type: 'http', scheme: 'basic' });
  });

  it('has each operationId once, in Pulp spelling', () => {
    // Prepare
    const ids = routes.map((r) => r.operationId);

    // Act
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);

    // Assess
    expect(duplicates).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it.each(table)('%s: documented with parameters, described responses and security', (_id, { route, path, op }) => {
    // Prepare
    const security = route.public ? [{ basicAuth: [] }, {}] : [{ basicAuth: [] }];

    // Act
    const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);

    // Assess
    expect(op, `${route.method} ${path}`).toBeDefined();
    expect(op.operationId).toBe(route.operationId);
    expect(Array.isArray(op.parameters)).toBe(true);
    expect(op.security).toEqual(security);
    for (const name of names) {
      expect(op.parameters).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
    }
    const statuses = Object.keys(op.responses);
    expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
    for (const status of statuses) expect(typeof op.responses[status].description).toBe('string');
  });

  it.each(table.filter(([id]) => id.endsWith('_list')))('%s: declares what every pulp-cli list sends', (_id, { op }) => {
    // Prepare
    const byName = Object.fromEntries(op.parameters.map((p: any) => [p.name, p]));

    // Act
    const types = ['limit', 'offset', 'fields', 'exclude_fields'].map((n) => byName[n]?.schema?.type);

    // Assess
    expect(types).toEqual(['integer', 'integer', 'array', 'array']);
    for (const p of op.parameters) expect(p.in === 'query' || p.in === 'path').toBe(true);
  });

  it.each(table.filter(([, o]) => o.route.body !== undefined))('%s: request body in its declared encodings', (_id, { route, op }) => {
    // Prepare
    const declared = route.body!.contentTypes;

    // Act
    const content = Object.keys(op.requestBody.content);

    // Assess
    expect(content).toEqual(declared);
    const fields = Object.values(route.body!.schema.fields);
    const hasFile = fields.some((f) => f.kind === 'file');
    // A body that must carry a file cannot be JSON (Pulp declares only multipart there).
    const needsFile = fields.some((f) => f.kind === 'file' && f.required);
    if (!needsFile) expect(declared).toContain('application/json');
    if (hasFile) expect(declared).toContain('multipart/form-data');
  });

  it.each(table)('%s: JSON responses are declared as exactly application/json', (_id, { op }) => {
    // Prepare
    const responses = Object.values(op.responses) as any[];

    // Act
    const types = responses.flatMap((r) => Object.keys(r.content ?? {}));

    // Assess
    for (const type of types) expect(['application/json', 'text/html']).toContain(type);
  });
});
