import type { App } from '../../app/app';
import { artifactKey } from '../../core/storage/blob-store';
import type { GeneralTasks } from '../general-tasks';
import { hrefs } from './hrefs';
import type { DistributionPatch, RepositoryPatch } from './ports';
import { fileServices } from './services';
import { DigestAccumulator } from './services/digests';
import type { DistributionInput } from './services/distribution-service';
import { serializeArtifact } from './serializers/artifact';
import { serializeContent } from './serializers/content';
import { serializeRepository } from './serializers/repository';
import { distributionView, publicationView, versionView } from './views';

export const TASK_NAMES = {
  modify: 'pulpcore.app.tasks.repository.add_and_remove',
  deleteVersion: 'pulpcore.app.tasks.repository.delete_version',
  repair: 'pulpcore.app.tasks.repository.repair_version',
  publish: 'pulp_file.app.tasks.publishing.publish',
  commitUpload: 'pulpcore.app.tasks.upload.commit',
  orphanCleanup: 'pulpcore.app.tasks.orphan.orphan_cleanup',
} as const;

/** Kinds of the general create/update/delete tasks this plugin answers. */
export const KINDS = { content: 'file.content', repository: 'file.repository', distribution: 'file.distribution' } as const;

/** Registers the file plugin's task functions (their args are plain ids and values). */
export function registerFileTasks(app: App, general: GeneralTasks): void {
  const s = () => fileServices(app);

  general.on('create', KINDS.content, async (ctx, args) => {
    const { artifacts, uploads, downloads, content, versions, data } = s();
    let artifactId = args.artifactId as string | undefined;
    if (args.fileUrl) artifactId = (await downloads.artifactFromUrl(String(args.fileUrl))).id;
    if (args.uploadId) {
      const uploadId = String(args.uploadId);
      const chunks = await data.uploads.chunkKeys(uploadId);
      const artifact = await artifacts.storePieces(async function* () {
        for (const c of chunks) for await (const piece of await app.blobs.get(c.storageKey)) yield piece as Buffer;
      });
      await uploads.delete(uploadId);
      artifactId = artifact.id;
    }
    const artifact = artifactId ? await data.artifacts.get(artifactId) : undefined;
    if (!artifact) throw new Error('The artifact of the content unit does not exist.');
    const unit = await content.ensureFileContent({
      relativePath: String(args.relativePath),
      sha256: artifact.sha256,
      size: artifact.size,
      artifactId: artifact.id,
      pulpLabels: (args.pulpLabels as Record<string, string> | undefined) ?? {},
    });
    if (args.repositoryId) {
      const version = await versions.createVersion(String(args.repositoryId), { add: [unit.id] });
      if (version) await ctx.created(hrefs.version(version.repositoryId, version.number));
    }
    await ctx.created(hrefs.content(unit.id));
    return serializeContent(unit);
  });

  general.on('update', KINDS.repository, async (_ctx, args) => {
    const repo = await s().data.repositories.update(String(args.id), args.patch as RepositoryPatch);
    if (!repo) throw new Error('The repository does not exist.');
    return serializeRepository(repo);
  });

  general.on('delete', KINDS.repository, async (_ctx, args) => {
    await s().data.transaction((tx) => tx.repositories.delete(String(args.id)));
    return null;
  });

  general.on('create', KINDS.distribution, async (ctx, args) => {
    const d = await s().distributions.create(args.input as DistributionInput);
    await ctx.created(hrefs.distribution(d.id));
    return distributionView(app, d);
  });

  general.on('update', KINDS.distribution, async (_ctx, args) => {
    const d = await s().distributions.update(String(args.id), args.patch as DistributionPatch);
    return distributionView(app, d);
  });

  general.on('delete', KINDS.distribution, async (_ctx, args) => {
    await s().distributions.delete(String(args.id));
    return null;
  });

  app.registry.register(TASK_NAMES.modify, async (ctx, args) => {
    const version = await s().versions.createVersion(String(args.repositoryId), {
      add: args.add as string[],
      remove: args.remove as string[] | '*',
      baseVersion: args.baseVersion as number | undefined,
    });
    if (!version) return null;
    await ctx.created(hrefs.version(version.repositoryId, version.number));
    return versionView(app, version);
  });

  app.registry.register(TASK_NAMES.deleteVersion, async (_ctx, args) => {
    await s().versions.deleteVersion(String(args.repositoryId), Number(args.number));
    return null;
  });

  app.registry.register(TASK_NAMES.publish, async (ctx, args) => {
    const publication = await s().publications.publish(String(args.versionId), {
      manifest: args.manifest as string | null | undefined,
      checkpoint: Boolean(args.checkpoint),
    });
    await ctx.created(hrefs.publication(publication.id));
    return publicationView(app, publication);
  });

  app.registry.register(TASK_NAMES.commitUpload, async (ctx, args) => {
    const artifact = await s().uploads.commit(String(args.uploadId), String(args.sha256));
    await ctx.created(hrefs.artifact(artifact.id));
    return serializeArtifact(artifact);
  });

  app.registry.register(TASK_NAMES.orphanCleanup, async (ctx, args) => {
    const removed = await s().orphans.cleanup({
      contentIds: args.contentIds as string[] | undefined,
      protectionMinutes: Number(args.protectionMinutes),
    });
    await ctx.progress({ message: 'Clean up orphan Content', code: 'clean-up.content', state: 'completed', total: removed.content, done: removed.content, suffix: null });
    await ctx.progress({ message: 'Clean up orphan Artifacts', code: 'clean-up.artifacts', state: 'completed', total: removed.artifacts, done: removed.artifacts, suffix: null });
    return null;
  });

  app.registry.register(TASK_NAMES.repair, async (ctx, args) => {
    const { data } = s();
    const version = await data.versions.byId(String(args.versionId));
    if (!version) throw new Error('The repository version does not exist.');
    const artifacts = await data.versions.artifacts(version.repositoryId, version.number);
    let missing = 0;
    let corrupted = 0;
    let done = 0;
    for (const a of artifacts) {
      const key = artifactKey(a.sha256);
      const size = await app.blobs.size(key);
      if (size === undefined) missing += 1;
      else if (args.verifyChecksums !== false) {
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
