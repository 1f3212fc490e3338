// Uploads: twine's legacy form at `/pypi/<base_path>/legacy/` (and `simple/`), and the
// synchronous `content/python/packages/upload/`. Both read the metadata from the file itself
// and store a wheel's METADATA for its `.metadata` URL.

import { HttpError, type ApiRequest, type ApiResponse, type PluginServices } from '../../../plugin-api';
import { isPythonClientError } from '../client-error';
import { filenameProblem, storePackage } from '../content/unit-from-artifact';
import { validateLegacyUpload, type FormFields } from '../upload/legacy-form';
import { PYTHON_TYPE, openIndex, packagesIn } from '../serving/index-view';
import { addPackages } from '../tasks/add-packages';

interface FilePart {
  filename: string;
  data: Buffer;
}

const isFile = (value: unknown): value is FilePart =>
  typeof value === 'object' && value !== null && Buffer.isBuffer((value as FilePart).data) && typeof (value as FilePart).filename === 'string';

/** A bad distribution is the client's 400, in DRF's shape. */
async function readPackage(services: PluginServices, field: string, filename: string, bytes: Buffer, options: Parameters<typeof storePackage>[3] = {}) {
  try {
    return await storePackage(services, filename, bytes, options);
  } catch (error) {
    if (isPythonClientError(error)) throw new HttpError(400, error.forField(field).body());
    throw error;
  }
}

/** The form's text fields as sent (repeated keys as lists), without the file. */
function formFields(body: Record<string, unknown>): FormFields {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[name] = value as string[];
  }
  return fields;
}

/**
 * twine's upload: the index must allow uploads and serve a repository, the form must be valid
 * (sha256 verified), and the filename new to the repository, else 400 "already exists", which
 * `twine upload --skip-existing` skips. The package joins the repository in a task that runs
 * before the answer when the repository is free, so it is installable on return.
 */
export async function legacyUpload(req: ApiRequest, services: PluginServices, basePath: string): Promise<ApiResponse> {
  const view = await openIndex(services, basePath);
  if (view.distribution.extra.allow_uploads === false) throw new HttpError(403, { detail: 'Index is not allowing uploads' });
  const repositoryId = view.distribution.repositoryId;
  if (!repositoryId) throw new HttpError(400, { detail: 'Index is not pointing to a repository' });
  const content = isFile(req.body.content) ? req.body.content : null;
  let upload: ReturnType<typeof validateLegacyUpload>;
  try {
    upload = validateLegacyUpload(formFields(req.body), content && { filename: content.filename, bytes: content.data });
  } catch (error) {
    if (isPythonClientError(error)) throw new HttpError(400, error.body());
    throw error;
  }
  const latest = await services.versions.latest(repositoryId);
  if ((await packagesIn(services, latest, [{ field: 'filename', op: 'eq', value: upload.filename }])).length) {
    throw new HttpError(400, { detail: `Package ${upload.filename} already exists in index` });
  }
  const bytes = Buffer.from(upload.bytes);
  const pkg = await readPackage(services, 'content', upload.filename, bytes);
  const artifact = await services.artifacts.storeBytes(bytes);
  const unit = await services.content.ensureOne({
    pulpType: PYTHON_TYPE,
    fields: { ...pkg.fields },
    relativePath: upload.filename,
    artifactId: artifact.id,
    extraArtifacts: pkg.extraArtifacts,
  });
  const repository = await services.repositories.get(repositoryId);
  const task = await services.tasks.dispatchTask(
    addPackages,
    { repositoryId, contentIds: [unit.id] },
    { exclusiveResources: [services.hrefs.prn('repositories', repository?.pulpType ?? PYTHON_TYPE, repositoryId)], immediate: true, loggingCid: req.correlationId },
  );
  return { status: 202, body: { session: null, task: services.hrefs.task(task.id), task_start_time: task.startedAt ?? null } };
}

/** `content/python/packages/upload/`: the unit now (201), from the file alone. */
export async function contentUpload(req: ApiRequest, services: PluginServices): Promise<ApiResponse> {
  const file = req.body.file as FilePart;
  const problem = filenameProblem(file.filename);
  if (problem) throw new HttpError(400, { non_field_errors: [problem] });
  const expected = typeof req.body.sha256 === 'string' ? req.body.sha256.toLowerCase() : '';
  const pkg = await readPackage(services, 'file', file.filename, file.data, {
    yanked: req.body.yanked === true,
    yankedReason: typeof req.body.yanked_reason === 'string' ? req.body.yanked_reason : '',
  });
  if (expected && expected !== pkg.fields.sha256) {
    throw new HttpError(400, { sha256: ["The uploaded artifact's sha256 checksum does not match the one provided"] });
  }
  const artifact = await services.artifacts.storeBytes(file.data);
  const unit = await services.content.ensureOne({
    pulpType: PYTHON_TYPE,
    fields: { ...pkg.fields },
    relativePath: file.filename,
    artifactId: artifact.id,
    pulpLabels: (req.body.pulp_labels as Record<string, string> | undefined) ?? {},
    extraArtifacts: pkg.extraArtifacts,
  });
  return { status: 201, body: services.serializeContent(unit) };
}
