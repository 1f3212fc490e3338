import { serializeContent } from '../api/content/content-serializer';
import { MetadataBodyCache } from '../content/metadata-body-cache';
import type { RepositoryVersion } from '../core/models/repository';
import type { Resolved, ServedVersion } from '../core/ports/delivery-reader';
import type { TaskContext } from '../core/tasks/task-context';
import type { PluginServices, Publisher } from '../plugin-api/definitions/plugin-services';
import type { App } from './app';

/** Runs a publication type's publisher for a version and records the publication with its files. */
function publisher(app: App): Publisher {
  return {
    get: (id) => app.services.publications.get(id),
    async publish(pulpType, version, ctx, options = {}) {
      const type = app.types.publications.get(pulpType).definition;
      const repository = await app.services.repositories.get(version.repositoryId);
      if (!repository) throw new Error('The repository of the version no longer exists.');
      const fields = { ...(options.fields ?? {}) };
      const output = await type.publish({ repository, version, fields }, ctx, app.plugins);
      const publication = await app.services.publications.record({
        pulpType,
        repositoryVersionId: version.id,
        passThrough: output.passThrough,
        checkpoint: options.checkpoint ?? false,
        extra: fields,
        metadata: output.metadata,
      });
      // Distributions of the repository may serve it now: index it before the task completes.
      await app.indexer.refreshRepository(version.repositoryId);
      return publication;
    },
  };
}

/** The version a distribution serves: its publication's, else its own or its repository's latest. */
export function servedVersion(resolved: Resolved): ServedVersion | null {
  return resolved.source?.version ?? null;
}

/** The services plugin code is given: core's, plus version creation and publishing bound to the app. */
export function buildPluginServices(app: App): PluginServices {
  const { services } = app;
  const publications = publisher(app);
  const derived = new MetadataBodyCache();
  return {
    logger: app.logger,
    origins: { content: app.config.contentOrigin ?? '', api: app.config.apiOrigin ?? app.config.contentOrigin ?? '' },
    hrefs: app.hrefs,
    artifacts: services.artifacts,
    uploads: services.uploads,
    content: services.content,
    repositories: services.repositories,
    versions: services.versions,
    versionContent: async (version, pulpType, window) =>
      (
        await services.content.list(
          { pulpType, inVersion: { repositoryId: version.repositoryId, number: version.number }, ordering: [{ field: 'pulp_created', desc: false }] },
          window,
        )
      ).results,
    remotes: services.remotes,
    publications,
    distributions: services.distributions,
    async distributionAt(basePath) {
      const resolved = await services.delivery.resolve(basePath);
      if (!resolved || resolved.distribution.basePath !== basePath) return undefined;
      return { distribution: resolved.distribution, version: servedVersion(resolved) };
    },
    serializeContent: (unit) => serializeContent(app, unit),
    derivedBody: (key, load) => derived.get(key, '', load),
    downloads: services.downloads,
    scratch: services.scratch,
    tasks: app.dispatcher,
    async newVersion(ctx: TaskContext, repositoryId, request): Promise<RepositoryVersion | null> {
      const names = (v: RepositoryVersion) => ({ href: app.hrefs.version(v.pulpType, v.repositoryId, v.number), prn: app.hrefs.versionPrn(v.id) });
      const version = await services.versions.create(repositoryId, { ...request, createdBy: { taskId: ctx.taskId, names } });
      if (!version) return null;
      // Recorded with the version already; this runs the creation hooks (a no-op record).
      const { href, prn } = names(version);
      await ctx.created(href, prn);
      const repository = await services.repositories.get(repositoryId);
      const publicationType = repository?.autopublish ? app.types.repositories.get(repository.pulpType).definition.publicationType : undefined;
      if (repository && publicationType) {
        const fields = app.types.publications.get(publicationType).definition.autopublishFields?.(repository) ?? {};
        const publication = await publications.publish(publicationType, version, ctx, { fields });
        await ctx.created(app.hrefs.publication(publicationType, publication.id), app.hrefs.prn('publications', publicationType, publication.id));
      } else {
        // Distributions that serve the repository's latest version directly serve this one now.
        await app.indexer.refreshRepository(repositoryId);
      }
      return version;
    },
  };
}
