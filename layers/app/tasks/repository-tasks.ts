import type { App } from '../app';
import { serializeVersion } from '../../api/repositories/version-serializer';
import { DigestAccumulator } from '../../core/artifacts/digests';
import { deleteVersionTask, modifyTask, repairTask } from '../../core/tasks/core-tasks';
import type { TaskRegistry } from '../../core/tasks/task-registry';
import { artifactKey } from '../../core/storage/blob-store';

/** Versions: modify (add/remove), delete (squashed into the next), repair (missing or corrupted bytes). */
export function registerRepositoryTasks(app: App, registry: TaskRegistry): void {
  registry.register(modifyTask, async (ctx, args) => {
    const version = await app.plugins.newVersion(ctx, args.repositoryId, { add: args.add, remove: args.remove, baseVersionId: args.baseVersionId });
    return version ? serializeVersion(app, version) : null;
  });

  registry.register(deleteVersionTask, async (_ctx, args) => {
    const serving = await app.indexer.distributionsOf(args.repositoryId);
    await app.services.versions.delete(args.repositoryId, args.number);
    await app.indexer.refreshAll(serving);
    return null;
  });

  registry.register(repairTask, async (ctx, args) => {
    const version = await app.services.versions.byId(args.versionId);
    if (!version) throw new Error('The repository version does not exist.');
    const artifacts = await app.data.versions.artifacts(version.repositoryId, version.number);
    let missing = 0;
    let corrupted = 0;
    let done = 0;
    for (const a of artifacts) {
      const key = artifactKey(a.sha256);
      const size = await app.blobs.size(key);
      if (size === undefined) missing += 1;
      else if (args.verifyChecksums) {
        const acc = new DigestAccumulator();
        for await (const piece of await app.blobs.get(key)) acc.update(piece as Buffer);
        if (acc.digest().sha256 !== a.sha256) corrupted += 1;
      } else if (size !== a.size) corrupted += 1;
      done += 1;
      if (done % 100 === 0 || done === artifacts.length)
        await ctx.progress({ message: 'Identify corrupted units', code: 'repair.corrupted', state: 'running', total: artifacts.length, done, suffix: null });
    }
    await ctx.progress({ message: 'Identify missing units', code: 'repair.missing', state: 'completed', total: missing, done: missing, suffix: null });
    await ctx.progress({ message: 'Identify corrupted units', code: 'repair.corrupted', state: 'completed', total: corrupted, done: corrupted, suffix: null });
    return { checked: artifacts.length, missing, corrupted };
  });
}
