import { f, type ContentTypeDefinition, type Field } from '../../../plugin-api';
import { normalizeName } from '../names/project-name';
import { METADATA_FIELDS, type MetadataField } from './package-fields';
import { unitFromArtifact, validateCreate } from './unit-from-artifact';

const text = (description: string): Field => f.string({ readOnly: true, allowBlank: true, description });
const jsonText = (description: string): Field => f.string({ readOnly: true, description: `${description} (JSON text)` });

const METADATA_RESPONSE: Record<MetadataField, Field> = {
  metadata_version: text('Version of the file format'),
  summary: text('A one-line summary of what the package does.'),
  description: text('A longer description of the package that can run to several paragraphs.'),
  description_content_type: text("The markup syntax of the description (Description-Content-Type)."),
  keywords: text('Additional keywords to be used to assist searching for the package in a larger catalog.'),
  home_page: text("The URL for the package's home page."),
  download_url: text('Legacy field denoting the URL from which this package can be downloaded.'),
  author: text("Text containing the author's name."),
  author_email: text("The author's e-mail address."),
  maintainer: text("The maintainer's name."),
  maintainer_email: text("The maintainer's e-mail address."),
  license: text('Text indicating the license covering the distribution'),
  license_expression: text('Text string that is a valid SPDX license expression.'),
  license_file: jsonText('A list of paths to license-related files'),
  platform: text('A comma-separated list of platform specifications.'),
  supported_platform: text('The OS and CPU for which the binary package was compiled.'),
  classifiers: jsonText('A list of classifiers'),
  requires_dist: jsonText('A list of requirements of the distribution'),
  provides_dist: jsonText('A list of distributions this one contains'),
  obsoletes_dist: jsonText('A list of distributions this one renders obsolete'),
  requires_external: jsonText('A list of system dependencies'),
  requires_python: text('The Python version(s) that the distribution is guaranteed to be compatible with.'),
  project_url: text('A browsable URL for the project and a label for it, separated by a comma.'),
  project_urls: jsonText('A dictionary of labels and URLs for the project'),
  provides_extras: jsonText('A list of optional features provided by the package'),
  dynamic: jsonText('A list of core metadata fields that may vary between sdist and wheels'),
};

type Columns = ContentTypeDefinition['columns'];
const column = (name: string, type: Columns[string]['type'] = 'text'): Columns => ({ [name]: { column: name, type } });

// Each field in a column of its own name (python_package_content, migrations/0001).
const COLUMNS: Columns = Object.assign(
  {},
  ...['filename', 'packagetype', 'name', 'name_normalized', 'version', 'sha256', 'metadata_sha256'].map((name) => column(name)),
  column('size', 'bigint'),
  column('python_version'),
  column('upload_time', 'timestamptz'),
  column('yanked', 'boolean'),
  column('yanked_reason'),
  ...METADATA_FIELDS.map((name) => column(name)),
);

/**
 * pulp_python's PythonPackageContent: one distribution file (wheel, sdist, egg, …), unique by
 * sha256; in a repository version a newer file of the same filename replaces the older one.
 */
export const pythonPackageContent: ContentTypeDefinition = {
  app: 'python',
  endpointName: 'packages',
  className: 'PythonPackageContent',
  pulpType: 'python.python',
  table: 'python_package_content',
  columns: COLUMNS,
  naturalKey: ['sha256'],
  repositoryKey: ['filename'],
  filters: [
    { field: 'name_normalized', param: 'name', kind: 'exact', in: true, normalize: normalizeName },
    { field: 'name', kind: 'text', lookups: ['contains'] },
    { field: 'author', kind: 'text', lookups: ['exact', 'in', 'contains'] },
    { field: 'packagetype', kind: 'exact', in: true },
    { field: 'requires_python', kind: 'text', lookups: ['exact', 'in', 'contains'] },
    { field: 'filename', kind: 'text', lookups: ['exact', 'in', 'contains'] },
    { field: 'keywords', kind: 'text', lookups: ['in', 'contains'] },
    { field: 'sha256', kind: 'exact', in: true },
    // pulp_python compares versions as strings too.
    { field: 'version', kind: 'range' },
  ],
  ordering: ['filename', 'name', 'version', 'packagetype', 'sha256', 'size'],
  responseFields: {
    ...METADATA_RESPONSE,
    name: f.string({ readOnly: true, description: 'The name of the python project.' }),
    version: f.string({ readOnly: true, description: 'The packages version number.' }),
    filename: f.string({ readOnly: true, description: 'The name of the distribution package file.' }),
    packagetype: f.string({ readOnly: true, description: 'The type of the distribution package (sdist, bdist_wheel, …)' }),
    python_version: f.string({ readOnly: true, allowBlank: true, description: 'The tag of the Python implementation or version the package requires.' }),
    size: f.integer({ readOnly: true, description: 'The size of the package in bytes.' }),
    sha256: f.string({ readOnly: true, description: 'The SHA256 digest of this package.' }),
    metadata_sha256: f.string({ readOnly: true, nullable: true, description: "The SHA256 digest of the package's METADATA file." }),
    yanked: f.boolean({ readOnly: true, description: 'Whether installers skip this file unless pinned to it (PEP 592).' }),
    yanked_reason: f.string({ readOnly: true, allowBlank: true, description: 'Why the file is yanked.' }),
    provenance: f.string({ readOnly: true, nullable: true, description: 'The created provenance object on upload.' }),
  },
  serialize: (unit) => {
    const fields = unit.fields;
    const out: Record<string, unknown> = {};
    for (const field of METADATA_FIELDS) out[field] = fields[field] ?? '';
    return {
      ...out,
      name: fields.name,
      version: fields.version,
      filename: fields.filename,
      packagetype: fields.packagetype,
      python_version: fields.python_version,
      size: Number(fields.size ?? 0),
      sha256: fields.sha256,
      metadata_sha256: fields.metadata_sha256 || null,
      yanked: fields.yanked === true,
      yanked_reason: fields.yanked_reason ?? '',
      provenance: null,
    };
  },
  create: {
    fields: {
      relative_path: f.string({ required: true, maxLength: 255, description: "The package's filename, e.g. shelf_reader-0.1-py2-none-any.whl" }),
      sha256: f.string({ writeOnly: true, description: 'The expected SHA256 digest of the file; a mismatch fails the task.' }),
      yanked: f.boolean({ writeOnly: true, description: 'Mark the file yanked (PEP 592): installers skip it unless pinned to it.' }),
      yanked_reason: f.string({ writeOnly: true, allowBlank: true, maxLength: 1024, description: 'Why the file is yanked.' }),
    },
    validate: validateCreate,
    fromArtifact: unitFromArtifact,
  },
};
