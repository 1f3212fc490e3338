import { f, type DistributionTypeDefinition, type ExtraField, type PublicationTypeDefinition, type RemoteTypeDefinition, type RepositoryTypeDefinition } from '../../plugin-api';
import { isPythonClientError } from './client-error';
import { EXCLUDABLE_PLATFORMS } from './filenames/platform-exclusion';
import { PACKAGE_TYPES } from './filenames/package-type';
import { validateRequirementList } from './requirements/release-filter';
import { publishSimple } from './publish';
import { synchronize } from './sync/synchronize';

const naming = (className: string, endpointName = 'python') => ({ app: 'python', endpointName, className, pulpType: 'python.python' });

/** includes / excludes: PEP 508 requirements, checked with pulp_python's message. */
function requirementList(field: 'includes' | 'excludes', description: string): ExtraField {
  return {
    schema: f.array(f.string({ maxLength: 4096 }), { default: [], description, formJsonOnly: true }),
    default: [],
    check: (value) => {
      try {
        validateRequirementList(field, value as string[]);
        return undefined;
      } catch (error) {
        if (isPythonClientError(error)) return error.message;
        throw error;
      }
    },
  };
}

const SUBSTITUTION =
  'Found duplicate packages being added with the same filename but different checksums. ' +
  "To allow this, set 'allow_package_substitution' to True on the repository. Conflicting packages: ";

export const pythonRepository: RepositoryTypeDefinition = {
  ...naming('PythonRepository'),
  contentTypes: ['python.python'],
  remoteTypes: ['python.python'],
  publicationType: 'python.python',
  fields: {
    allow_package_substitution: {
      schema: f.boolean({
        default: true,
        description: 'Whether a package may be replaced by one with the same filename but a different checksum; when false, such versions are rejected.',
      }),
      default: true,
    },
  },
  sync: { taskName: 'pulp_python.app.tasks.sync.sync', fields: {}, run: synchronize },
  // The repository key is the filename: a replaced unit is a file with another checksum.
  checkVersion: (repository, replaced) =>
    repository.extra.allow_package_substitution === false && replaced.length ? `${SUBSTITUTION}${replaced.map((r) => r.new.key).join(', ')}` : undefined,
};

export const pythonRemote: RemoteTypeDefinition = {
  ...naming('PythonRemote'),
  fields: {
    includes: requirementList('includes', 'A list containing project specifiers for Python packages to include.'),
    excludes: requirementList('excludes', 'A list containing project specifiers for Python packages to exclude.'),
    prereleases: { schema: f.boolean({ default: false, description: 'Whether or not to include pre-release packages in the sync.' }), default: false },
    package_types: {
      schema: f.array(f.enum(PACKAGE_TYPES), { default: [], description: 'The package types to sync for Python content. Leave blank to get every package type.' }),
      default: [],
    },
    keep_latest_packages: {
      schema: f.integer({ default: 0, minimum: 0, description: 'The amount of latest versions of a package to keep on sync, includes pre-releases if synced. Default 0 keeps all versions.' }),
      default: 0,
    },
    exclude_platforms: {
      schema: f.array(f.enum(EXCLUDABLE_PLATFORMS), { default: [], description: 'List of platforms to exclude syncing Python packages for: windows, macos, freebsd, linux.' }),
      default: [],
    },
    provenance: { schema: f.boolean({ default: false, description: 'Whether to sync available provenances for Python packages.' }), default: false },
  },
  defaultPolicy: 'on_demand',
  urlDescription: 'The root of a PyPI-compatible index (its simple/ is read), e.g. https://pypi.org/ or another index\'s /pypi/<base_path>/.',
};

export const pythonPublication: PublicationTypeDefinition = {
  ...naming('PythonPublication', 'pypi'),
  repositoryType: 'python.python',
  fields: {},
  taskName: 'pulp_python.app.tasks.publish.publish',
  publish: publishSimple,
};

export const pythonDistribution: DistributionTypeDefinition = {
  ...naming('PythonDistribution', 'pypi'),
  repositoryType: 'python.python',
  publicationType: 'python.python',
  fields: {
    allow_uploads: { schema: f.boolean({ default: true, description: 'Allow packages to be uploaded to this index.' }), default: true },
  },
  // The index is generated from the version itself; a publication is served only when set.
  serveFrom: 'version',
  remoteTypes: ['python.python'],
  // The index lives on the API's host, as PYPI_API_HOSTNAME in pulp_python.
  baseUrl: (d, origins) => `${origins.api}/pypi/${d.basePath}/`,
};
