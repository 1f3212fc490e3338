import { f, type DistributionTypeDefinition, type PublicationTypeDefinition, type RemoteTypeDefinition, type RepositoryTypeDefinition } from '../../plugin-api';
import { manifestField } from './manifest-field';
import { publishFiles } from './publish';
import { synchronize } from './synchronize';

const naming = (className: string) => ({ app: 'file', endpointName: 'file', className, pulpType: 'file.file' });

export const fileRepository: RepositoryTypeDefinition = {
  ...naming('FileRepository'),
  contentTypes: ['file.file'],
  remoteTypes: ['file.file'],
  publicationType: 'file.file',
  fields: { manifest: manifestField },
  sync: {
    taskName: 'pulp_file.app.tasks.synchronizing.synchronize',
    fields: { optimize: f.boolean({ default: true, description: 'Whether or not to optimize sync.' }) },
    run: synchronize,
  },
};

export const fileRemote: RemoteTypeDefinition = {
  ...naming('FileRemote'),
  fields: {},
  defaultPolicy: 'immediate',
  urlDescription: 'The URL of an external content source (its PULP_MANIFEST).',
};

export const filePublication: PublicationTypeDefinition = {
  ...naming('FilePublication'),
  repositoryType: 'file.file',
  fields: { manifest: manifestField },
  taskName: 'pulp_file.app.tasks.publishing.publish',
  autopublishFields: (repository) => ({ manifest: repository.extra.manifest === undefined ? 'PULP_MANIFEST' : repository.extra.manifest }),
  publish: publishFiles,
};

export const fileDistribution: DistributionTypeDefinition = {
  ...naming('FileDistribution'),
  repositoryType: 'file.file',
  publicationType: 'file.file',
  fields: {},
  // A file distribution serves its repository through the latest publication, as pulp_file does.
  serveFrom: 'publication',
};
