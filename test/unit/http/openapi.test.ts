import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../layers/http/openapi';
import { listQueryParams } from '../../../layers/http/pagination';
import type { Route } from '../../../layers/http/route';
import { f, schema } from '../../../layers/http/schema/fields';

const P = '/pulp/api/v3/';
const REPO = `${P}repositories/file/file/`;
const repository = schema('file.FileRepository', {
  pulp_href: f.href({ readOnly: true }),
  name: f.string({ required: true }),
  description: f.string({ nullable: true }),
});
const upload = schema('UploadChunk', { file: f.file({ required: true, writeOnly: true }), sha256: f.string() });
const sync = schema('RepositorySyncURL', { remote: f.href(), mirror: f.boolean({ default: false }) });
const status = schema('Status', { versions: f.json({ readOnly: true }) });
const handler = async () => ({ status: 200 });
const href = { name: 'file_file_repository_href', prefix: `${REPO}{id}/` };

const routes: Route[] = [
  { method: 'GET', path: `${P}status/`, operationId: 'status_read', summary: 'Inspect status', tags: ['Status'], public: true, responses: { 200: { description: '', schema: status } }, handler },
  { method: 'GET', path: REPO, operationId: 'repositories_file_file_list', summary: 'List', tags: ['Repositories: File'], query: listQueryParams([{ name: 'name', field: f.string() }]), responses: { 200: { description: '', schema: { paginated: repository } } }, handler },
  { method: 'POST', path: REPO, operationId: 'repositories_file_file_create', summary: 'Create', tags: ['Repositories: File'], body: { schema: repository, contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] }, responses: { 201: { description: '', schema: repository } }, handler },
  { method: 'GET', path: `${REPO}{id}/`, operationId: 'repositories_file_file_read', summary: 'Inspect', tags: ['Repositories: File'], hrefParameter: href, responses: { 200: { description: '', schema: repository } }, handler },
  { method: 'PATCH', path: `${REPO}{id}/`, operationId: 'repositories_file_file_partial_update', summary: 'Update', tags: ['Repositories: File'], hrefParameter: href, body: { schema: repository, contentTypes: ['application/json'] }, responses: { 200: { description: '', schema: repository }, 202: { description: '', schema: 'task' } }, handler },
  { method: 'POST', path: `${REPO}{id}/sync/`, operationId: 'repositories_file_file_sync', summary: 'Sync', tags: ['Repositories: File'], hrefParameter: href, body: { schema: sync, contentTypes: ['application/json'] }, responses: { 202: { description: '', schema: 'task' } }, handler },
  { method: 'GET', path: `${REPO}{id}/versions/`, operationId: 'repositories_file_file_versions_list', summary: 'List versions', tags: ['Repositories: File Versions'], hrefParameter: href, responses: { 200: { description: '' } }, handler },
  { method: 'GET', path: '/pypi/{path+}/simple/{package}/', operationId: 'pypi_simple_package_read', summary: 'Project page', tags: ['Pypi: Simple'], public: true, responses: { 200: { description: '', schema: 'html' } }, handler },
  { method: 'PUT', path: `${P}uploads/{id}/`, operationId: 'uploads_update', summary: 'Upload a chunk', tags: ['Uploads'], hrefParameter: { name: 'upload_href', prefix: `${P}uploads/{id}/` }, headers: [{ name: 'Content-Range', field: f.string() }], body: { schema: upload, contentTypes: ['multipart/form-data', 'application/x-www-form-urlencoded'] }, responses: { 200: { description: '' } }, handler },
];

const doc = buildOpenApiDocument(routes, { title: 'Pulp 3 API', version: 'v3', appVersions: { core: '3.81.0', file: '3.81.0' } }) as any;

describe('buildOpenApiDocument', () => {
  it('carries the version and domain extensions pulp-glue reads', () => {
    // Prepare
    const expected = { title: 'Pulp 3 API', version: 'v3', 'x-pulp-app-versions': { core: '3.81.0', file: '3.81.0' }, 'x-pulp-domain-enabled': false };

    // Act
    const info = doc.info;

    // Assess
    expect(doc.openapi).toBe('3.1.1');
    expect(info).toEqual(expected);
  });

  const pathCases: Array<[string, string, string]> = [
    [`${P}status/`, 'get', 'status_read'],
    [REPO, 'post', 'repositories_file_file_create'],
    ['{file_file_repository_href}', 'patch', 'repositories_file_file_partial_update'],
    ['{file_file_repository_href}sync/', 'post', 'repositories_file_file_sync'],
    ['{file_file_repository_href}versions/', 'get', 'repositories_file_file_versions_list'],
    ['{upload_href}', 'put', 'uploads_update'],
  ];
  it.each(pathCases)('documents %s %s', (path, method, operationId) => {
    // Prepare
    const item = doc.paths[path];

    // Act
    const op = item?.[method];

    // Assess
    expect(op?.operationId).toBe(operationId);
    expect(Array.isArray(op?.parameters)).toBe(true);
  });

  it('declares the whole-href path parameter as required', () => {
    // Prepare
    const op = doc.paths['{file_file_repository_href}sync/'].post;

    // Act
    const params = op.parameters;

    // Assess
    expect(params).toEqual([{ name: 'file_file_repository_href', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('documents a {name+} parameter as one string parameter', () => {
    // Prepare
    const op = doc.paths['/pypi/{path}/simple/{package}/']?.get;

    // Act
    const params = op?.parameters;

    // Assess
    expect(params).toEqual([
      { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'package', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('declares header parameters as required', () => {
    // Prepare
    const op = doc.paths['{upload_href}'].put;

    // Act
    const header = op.parameters.find((p: any) => p.in === 'header');

    // Assess
    expect(header).toEqual({ name: 'Content-Range', in: 'header', required: true, schema: { type: 'string', minLength: 1 } });
  });

  it('declares list parameters, arrays comma-joined', () => {
    // Prepare
    const op = doc.paths[REPO].get;

    // Act
    const fields = op.parameters.find((p: any) => p.name === 'fields');

    // Assess
    expect(op.parameters.map((p: any) => p.name)).toContain('exclude_fields');
    expect(fields).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'array' } });
  });

  it('describes every response', () => {
    // Prepare
    const ops = Object.values(doc.paths).flatMap((item: any) => Object.values(item)) as any[];

    // Act
    const descriptions = ops.flatMap((op) => Object.values(op.responses).map((r: any) => r.description));

    // Assess
    expect(descriptions.every((d) => typeof d === 'string')).toBe(true);
    expect(descriptions.length).toBeGreaterThanOrEqual(ops.length);
  });

  const responseCases: Array<[string, string, string, string]> = [
    [REPO, 'get', '200', '#/components/schemas/Paginatedfile.FileRepositoryResponseList'],
    [REPO, 'post', '201', '#/components/schemas/file.FileRepositoryResponse'],
    ['{file_file_repository_href}', 'patch', '202', '#/components/schemas/AsyncOperationResponse'],
  ];
  it.each(responseCases)('refers %s %s %s to its component', (path, method, status, ref) => {
    // Prepare
    const op = doc.paths[path][method];

    // Act
    const schema = op.responses[status].content['application/json'].schema;

    // Assess
    expect(schema).toEqual({ $ref: ref });
  });

  it('builds request bodies per content type, PATCH with the Patched schema', () => {
    // Prepare
    const create = doc.paths[REPO].post.requestBody;
    const patch = doc.paths['{file_file_repository_href}'].patch.requestBody;

    // Act
    const createTypes = Object.keys(create.content);

    // Assess
    expect(createTypes).toEqual(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);
    expect(create.required).toBe(true);
    expect(create.content['multipart/form-data'].schema).toEqual({ $ref: '#/components/schemas/file.FileRepository' });
    expect(patch).toEqual({ required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/Patchedfile.FileRepository' } } } });
  });

  it('stores each component once, with request and response variants', () => {
    // Prepare
    const schemas = doc.components.schemas;

    // Act
    const names = Object.keys(schemas);

    // Assess
    expect(names).toEqual(expect.arrayContaining(['file.FileRepository', 'Patchedfile.FileRepository', 'file.FileRepositoryResponse', 'Paginatedfile.FileRepositoryResponseList', 'AsyncOperationResponse', 'UploadChunk']));
    expect(schemas['file.FileRepository'].properties.pulp_href).toBeUndefined();
    expect(schemas['file.FileRepositoryResponse'].properties.pulp_href.readOnly).toBe(true);
    expect(schemas['UploadChunk'].properties.file).toEqual({ type: 'string', format: 'binary', writeOnly: true });
    expect(schemas['AsyncOperationResponse'].properties.task.format).toBe('uri');
  });

  it('declares basic auth everywhere, optional on public operations', () => {
    // Prepare
    const statusOp = doc.paths[`${P}status/`].get;

    // Act
    const listOp = doc.paths[REPO].get;

    // Assess
    expect(doc.components.securitySchemes).toEqual({ basicAuth: { type: 'http', scheme: 'basic' } });
    expect(doc.security).toEqual([{ basicAuth: [] }]);
    expect(statusOp.security).toEqual([{ basicAuth: [] }, {}]);
    expect(listOp.security).toEqual([{ basicAuth: [] }]);
  });

  const invalid: Array<[string, Route[]]> = [
    ['duplicate operationIds', [routes[0] as Route, routes[0] as Route]],
    ['a prefix that does not match', [{ ...(routes[3] as Route), hrefParameter: { name: 'x', prefix: '/other/' } }]],
    ['two schemas under one name', [routes[1] as Route, { ...(routes[2] as Route), responses: { 201: { description: '', schema: schema('file.FileRepository', { other: f.string() }) } } }]],
  ];
  it.each(invalid)('refuses %s', (_label, table) => {
    // Prepare
    const info = { title: 't', version: 'v', appVersions: {} };

    // Act
    const build = () => buildOpenApiDocument(table, info);

    // Assess
    expect(build).toThrow();
  });
});
