import { definePlugin, migrationsFolder } from '../../plugin-api';
import { fileContent } from './file-content';
import { fileDistribution, filePublication, fileRemote, fileRepository } from './file-types';

/** pulp_file: files at relative paths, synced from and published as a PULP_MANIFEST. */
export const filePlugin = definePlugin({
  name: 'file',
  version: '3.81.0',
  package: 'pulp-file',
  module: 'pulp_file.app',
  contentTypes: [fileContent],
  repositoryTypes: [fileRepository],
  remoteTypes: [fileRemote],
  publicationTypes: [filePublication],
  distributionTypes: [fileDistribution],
  migrations: migrationsFolder(import.meta.url),
});
