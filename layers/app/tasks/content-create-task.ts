import type { App } from '../app';
import type { Artifact } from '../../core/models/artifact';
import type { GeneralCreateArgs } from '../../core/tasks/core-tasks';
import type { TaskContext } from '../../core/tasks/task-context';
import { serializeContent } from '../../api/content/content-serializer';

type ContentCreate = Extract<GeneralCreateArgs, { kind: 'content' }>;

/** The artifact the new unit's bytes are: an existing one, a committed upload, or a download. */
async function artifactOf(app: App, args: ContentCreate, ctx: TaskContext): Promise<Artifact> {
  const { source } = args;
  if (source.kind === 'url') return app.services.urlDownloads.artifactFromUrl(source.url, ctx);
  if (source.kind === 'upload') return app.services.uploads.toArtifact(source.uploadId);
  const artifact = await app.services.artifacts.get(source.artifactId);
  if (!artifact) throw new Error('The artifact of the content unit does not exist.');
  return artifact;
}

/**
 * general_create of a content unit: its artifact, then the unit its type builds from it (the
 * existing unit if its natural key is known), then, with a repository, a new version holding it.
 */
export async function createContent(app: App, ctx: TaskContext, args: ContentCreate): Promise<unknown> {
  const type = app.types.content.get(args.pulpType).definition;
  if (!type.create) throw new Error(`${args.pulpType} content cannot be created from an artifact.`);
  const artifact = await artifactOf(app, args, ctx);
  const built = await type.create.fromArtifact({ artifact, body: args.body, services: app.plugins, read: () => app.services.artifacts.read(artifact) });
  const unit = await app.services.content.ensureOne({
    pulpType: args.pulpType,
    fields: built.fields,
    relativePath: built.relativePath,
    artifactId: artifact.id,
    pulpLabels: args.pulpLabels,
    extraArtifacts: built.extraArtifacts,
  });
  if (args.repositoryId) {
    await app.plugins.newVersion(ctx, args.repositoryId, { add: [unit.id] });
  }
  await ctx.created(app.hrefs.content(unit.pulpType, unit.id), app.hrefs.prn('content', unit.pulpType, unit.id));
  return serializeContent(app, unit);
}
