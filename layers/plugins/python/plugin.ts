import { definePlugin, migrationsFolder } from '../../plugin-api';
import { pythonPackageContent } from './content/python-content';
import { pythonDistribution, pythonPublication, pythonRemote, pythonRepository } from './python-types';
import { packageRoutes } from './routes/package-routes';
import { pypiRoutes, pypiViewset } from './routes/pypi-routes';
import { pythonContentApp } from './serving/content-hook';
import { addPackagesTask } from './tasks/add-packages';
import { repairMetadataTask } from './tasks/repair-metadata';

/**
 * pulp_python: Python distributions (wheels, sdists, …) in repositories, synced from any
 * PyPI-compatible index, and served as one at `/pypi/<base_path>/` for pip, uv and twine.
 */
export const pythonPlugin = definePlugin({
  name: 'python',
  version: '3.29.0',
  package: 'pulp-python',
  module: 'pulp_python.app',
  contentTypes: [pythonPackageContent],
  repositoryTypes: [pythonRepository],
  remoteTypes: [pythonRemote],
  publicationTypes: [pythonPublication],
  distributionTypes: [pythonDistribution],
  tasks: [addPackagesTask, repairMetadataTask],
  routes: [...pypiRoutes, ...packageRoutes],
  viewsets: [pypiViewset],
  contentApp: pythonContentApp,
  migrations: migrationsFolder(import.meta.url),
});
