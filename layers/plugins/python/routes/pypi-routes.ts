// The package index of each python distribution at `/pypi/<base_path>/`, as pulp_python serves
// it (base paths may hold slashes): what pip, uv and twine talk to. Reads are anonymous, as in
// pulp_python; uploads need credentials.

import { f, schema, type ApiRequest, type PluginRoute, type QueryParam, type ViewsetAccess } from '../../../plugin-api';
import { openIndex } from '../serving/index-view';
import { pypiJson, simpleIndex, simpleProject, summary } from './index-pages';
import { legacyUpload } from './uploads';

const ROOT = '/pypi/{path+}/';
export const PYPI_VIEWSET = 'pypi';
const READ = { viewset: PYPI_VIEWSET, action: 'retrieve' };

/**
 * The package indexes' policy, as pulp_python's: anyone reads; an upload needs the permission
 * to modify python repositories (pulp_python checks it on the index's repository; here it is
 * needed model-wide, which refuses more, never less).
 */
export const pypiViewset: ViewsetAccess = {
  name: PYPI_VIEWSET,
  defaultPolicy: {
    statements: [
      { action: ['retrieve', 'list'], principal: '*', effect: 'allow' },
      { action: ['create'], principal: 'authenticated', effect: 'allow', condition: 'has_model_or_domain_perms:python.modify_pythonrepository' },
    ],
  },
};

const Summary = schema('python.Summary', {
  projects: f.integer({ description: 'Number of Python projects in index' }),
  releases: f.integer({ description: 'Number of Python distribution releases in index' }),
  files: f.integer({ description: 'Number of files for all distributions in index' }),
});

const UploadTask = schema('python.PackageUploadTask', {
  session: f.string({ nullable: true }),
  task: f.string(),
  task_start_time: f.dateTime({ nullable: true }),
});

const text = (description: string) => f.string({ allowBlank: true, description });

/** twine's form; fields it sends besides these (name, version, summary, …) are ignored. */
const PackageUpload = schema('python.PackageUpload', {
  content: f.file({ required: true, description: 'A Python package release file to upload to the index.' }),
  ':action': text("Defaults to `file_upload`, don't change it or request will fail!"),
  sha256_digest: text('SHA256 of package to validate upload integrity.'),
  protocol_version: text('Protocol version to use for the upload. Only version 1 is supported.'),
  filetype: text('Type of artifact to upload: sdist or bdist_wheel.'),
  metadata_version: text('Metadata version of the uploaded package.'),
  attestations: text('A JSON list containing attestations for the package.'),
});

const format: QueryParam = { name: 'format', field: f.string(), description: 'A media type that replaces the Accept header (PEP 691).' };
const tags = (name: string) => [`Pypi: ${name}`];
const html = { 200: { description: 'The page, HTML or JSON as the Accept header asks (PEP 503, 691).', schema: 'html' as const }, 404: { description: 'Not found.' } };

const openAt = (req: ApiRequest) => req.params.path!;

function uploadRoute(path: string, operationId: string): PluginRoute {
  return {
    method: 'POST',
    path,
    operationId,
    summary: 'Upload a package',
    tags: tags(operationId === 'pypi_legacy_create' ? 'Legacy' : 'Simple'),
    body: { schema: PackageUpload, contentTypes: ['multipart/form-data'], keepUndeclared: true },
    access: { viewset: PYPI_VIEWSET, action: 'create' },
    responses: {
      202: { description: 'The package joins the repository in this task.', schema: UploadTask },
      400: { description: 'Invalid upload, or the file is in the index already.' },
      403: { description: 'The index does not allow uploads.' },
    },
    handler: (req, services) => legacyUpload(req, services, openAt(req)),
  };
}

/**
 * PyPI's JSON API, for a project and for one version; PyPI spells the paths without a trailing
 * slash (bandersnatch and pulp_python's sync ask so), pulp_python with one: both are served.
 */
function jsonApiRoutes(): PluginRoute[] {
  const routes: PluginRoute[] = [];
  for (const [suffix, operationId, summary] of [
    ['{package}/json', 'pypi_pypi_read', 'Get package metadata'],
    ['{package}/{version}/json', 'pypi_pypi_version_read', 'Get release metadata'],
  ] as const) {
    for (const slash of ['/', ''] as const) {
      routes.push({
        method: 'GET',
        path: `${ROOT}pypi/${suffix}${slash}`,
        operationId: slash ? operationId : `${operationId}_without_slash`,
        summary,
        tags: tags('Metadata'),
        public: true,
        access: READ,
        responses: { 200: { description: "PyPI's JSON API document." }, 404: { description: 'Not found.' } },
        handler: async (req, services) => pypiJson(req, services, await openIndex(services, openAt(req)), req.params.package!, req.params.version),
      });
    }
  }
  return routes;
}

export const pypiRoutes: PluginRoute[] = [
  {
    method: 'GET',
    path: ROOT,
    operationId: 'pypi_read',
    summary: 'Get index summary',
    tags: tags('Root'),
    public: true,
    access: READ,
    responses: { 200: { description: 'Counts of the index.', schema: Summary }, 404: { description: 'Not found.' } },
    handler: async (req, services) => summary(services, await openIndex(services, openAt(req))),
  },
  {
    method: 'GET',
    path: `${ROOT}simple/`,
    operationId: 'pypi_simple_read',
    summary: 'Get index simple page',
    tags: tags('Simple'),
    public: true,
    access: READ,
    query: [format],
    responses: html,
    handler: async (req, services) => simpleIndex(req, services, await openIndex(services, openAt(req))),
  },
  {
    method: 'GET',
    path: `${ROOT}simple/{package}/`,
    operationId: 'pypi_simple_package_read',
    summary: 'Get package simple page',
    tags: tags('Simple'),
    public: true,
    access: READ,
    query: [format],
    responses: html,
    handler: async (req, services) => simpleProject(req, services, await openIndex(services, openAt(req)), req.params.package!),
  },
  ...jsonApiRoutes(),
  uploadRoute(`${ROOT}legacy/`, 'pypi_legacy_create'),
  uploadRoute(`${ROOT}simple/`, 'pypi_simple_create'),
];
