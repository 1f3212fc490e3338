// pulp_python's own operations on its REST types, besides those core builds from the
// declarations: the synchronous package upload and a repository's repair_metadata.

import { f, notFound, schema, type PluginRoute } from '../../../plugin-api';
import { repairMetadata } from '../tasks/repair-metadata';
import { contentUpload } from './uploads';

const PackageUpload = schema('python.PythonPackageContentUpload', {
  file: f.file({ required: true, writeOnly: true, description: 'The package file.' }),
  sha256: f.string({ writeOnly: true, description: 'The expected SHA256 digest of the file.' }),
  pulp_labels: f.labels({ description: 'A dictionary of arbitrary key/value pairs used to describe a specific Content instance.' }),
  yanked: f.boolean({ writeOnly: true, description: 'Mark the file yanked (PEP 592).' }),
  yanked_reason: f.string({ writeOnly: true, allowBlank: true, maxLength: 1024, description: 'Why the file is yanked.' }),
});

const REPOSITORY = '/pulp/api/v3/repositories/python/python/{id}/';

export const packageRoutes: PluginRoute[] = [
  {
    method: 'POST',
    path: '/pulp/api/v3/content/python/packages/upload/',
    operationId: 'content_python_packages_upload',
    summary: 'Synchronous Python package upload',
    tags: ['Content: Packages'],
    body: { schema: PackageUpload, contentTypes: ['multipart/form-data'] },
    // The content viewset's create policy: an upload into a repository needs its modify permission.
    access: { viewset: 'content/python/packages', action: 'create' },
    responses: { 201: { description: 'The package.' }, 400: { description: 'Invalid input.' } },
    handler: contentUpload,
  },
  {
    method: 'POST',
    path: `${REPOSITORY}repair_metadata/`,
    operationId: 'repositories_python_python_repair_metadata',
    summary: 'Repair metadata',
    tags: ['Repositories: Python'],
    hrefParameter: { name: 'python_python_repository_href', prefix: REPOSITORY },
    access: { viewset: 'repositories/python/python', action: 'repair_metadata', object: { model: 'python.pythonrepository', param: 'id' }, scope: [{ permission: 'python.view_pythonrepository' }] },
    responses: { 202: { description: 'The repair task.', schema: 'task' }, 404: { description: 'Not found.' } },
    handler: async (req, services) => {
      const repository = await services.repositories.get(req.params.id!);
      if (repository?.pulpType !== 'python.python') throw notFound();
      const task = await services.tasks.dispatchTask(
        repairMetadata,
        { repositoryId: repository.id },
        { exclusiveResources: [services.hrefs.prn('repositories', repository.pulpType, repository.id)], loggingCid: req.correlationId },
      );
      return { status: 202, body: { task: services.hrefs.task(task.id) } };
    },
  },
];
