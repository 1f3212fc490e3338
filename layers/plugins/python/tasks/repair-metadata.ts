import { arg, defineTask, progressReport, type ContentUnit, type PluginServices, type PluginTask, type ProgressReport } from '../../../plugin-api';
import { storePackage } from '../content/unit-from-artifact';
import { PYTHON_TYPE, packagesIn } from '../serving/index-view';

export interface RepairArgs {
  repositoryId: string;
}

/** pulp_python's repair task: a repository's packages get their metadata from their own files. */
export const repairMetadata = defineTask<RepairArgs>('pulp_python.app.tasks.repair.repair', (raw) => ({
  repositoryId: arg.string(raw, 'repositoryId'),
}));

const report = (state: ProgressReport['state'], done: number, total: number): ProgressReport =>
  progressReport('repair.metadata', 'Repairing packages metadata', state, done, total);

// Kept as they are: identity, and what only the index knows.
const KEPT = new Set(['sha256', 'upload_time', 'yanked', 'yanked_reason']);

/** Re-reads one package's file; true when its stored fields changed. */
async function repairOne(services: PluginServices, unit: ContentUnit): Promise<boolean> {
  const filename = String(unit.fields.filename);
  const pkg = await storePackage(services, filename, await services.artifacts.read(unit.artifact!), {});
  const changed = Object.fromEntries(
    Object.entries(pkg.fields).filter(([field, value]) => !KEPT.has(field) && JSON.stringify(value) !== JSON.stringify(unit.fields[field])),
  );
  // The METADATA file is linked at `<file>.metadata` (a no-op when it already is).
  await services.content.ensure([{ pulpType: PYTHON_TYPE, fields: unit.fields, relativePath: filename, artifactId: unit.artifact!.id, extraArtifacts: pkg.extraArtifacts }]);
  if (!Object.keys(changed).length) return false;
  await services.content.updateFields(PYTHON_TYPE, unit.id, changed);
  return true;
}

/** A file that cannot be read keeps its fields; the others are still repaired. */
function fail(services: PluginServices, unit: ContentUnit, error: unknown): false {
  services.logger.warn('A package could not be repaired', { filename: String(unit.fields.filename), error: String(error) });
  return false;
}

/**
 * Every package of the repository's latest version whose file is stored gets its fields from
 * the file again (synced packages only had what the upstream index said), in place, without a
 * new version. Packages whose files were never fetched are left as they are.
 */
export const repairMetadataTask: PluginTask<RepairArgs> = {
  handle: repairMetadata,
  async run({ repositoryId }, ctx, services) {
    const latest = await services.versions.latest(repositoryId);
    const units = await packagesIn(services, latest);
    let repaired = 0;
    let skipped = 0;
    let done = 0;
    await ctx.progress(report('running', 0, units.length));
    for (const unit of units) {
      if (done % 50 === 0) await ctx.throwIfCanceled();
      if (!unit.artifact) skipped++;
      else if (await repairOne(services, unit).catch((error: unknown) => fail(services, unit, error))) repaired++;
      done++;
      await ctx.progress(report('running', done, units.length));
    }
    await ctx.progress(report('completed', done, units.length));
    return { repaired, unchanged: units.length - repaired - skipped, skipped_without_file: skipped };
  },
};
