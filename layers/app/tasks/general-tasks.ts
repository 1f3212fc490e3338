import type { App } from '../app';
import { serializeDistribution } from '../../api/distributions/distribution-serializer';
import { serializeRemote } from '../../api/remotes/remote-serializer';
import { serializeRepository } from '../../api/repositories/repository-serializer';
import type { DistributionPatch } from '../../core/ports/distribution-store';
import type { RemoteValues } from '../../core/ports/remote-store';
import type { RepositoryPatch } from '../../core/ports/repository-store';
import { generalCreate, generalDelete, generalUpdate } from '../../core/tasks/core-tasks';
import type { TaskRegistry } from '../../core/tasks/task-registry';
import { createContent } from './content-create-task';

/** Pulp's generic create/update/delete tasks, one name each, acting on the object `kind` names. */
export function registerGeneralTasks(app: App, registry: TaskRegistry): void {
  registry.register(generalCreate, async (ctx, args) => {
    if (args.kind === 'content') return createContent(app, ctx, args);
    const d = await app.services.distributions.create(args.pulpType, args.input);
    await app.indexer.refreshDistribution(d.id);
    await ctx.created(app.hrefs.distribution(d.pulpType, d.id), app.hrefs.prn('distributions', d.pulpType, d.id));
    return serializeDistribution(app, d);
  });

  registry.register(generalUpdate, async (_ctx, args) => {
    switch (args.kind) {
      case 'repository': {
        // Its retention settings may have changed what its latest version is: nothing served changes.
        const repo = await app.services.repositories.update(args.id, args.patch as RepositoryPatch);
        if (!repo) throw new Error('The repository no longer exists.');
        return serializeRepository(app, repo);
      }
      case 'remote': {
        const remote = await app.services.remotes.update(args.id, args.patch as Partial<RemoteValues>);
        if (!remote) throw new Error('The remote no longer exists.');
        // On-demand fetches read the index's copy of the remote.
        await app.indexer.refreshRemote(remote.id);
        return serializeRemote(app, remote);
      }
      case 'distribution': {
        const before = await app.services.distributions.get(args.id);
        const d = await app.services.distributions.update(args.id, args.patch as DistributionPatch);
        await app.indexer.refreshDistribution(d.id);
        if (before && before.basePath !== d.basePath) await app.indexer.forget(before.basePath);
        return serializeDistribution(app, d);
      }
    }
  });

  registry.register(generalDelete, async (_ctx, args) => {
    if (args.kind === 'repository') {
      // Its distributions stay, serving nothing: capture them before the delete unlinks them.
      const serving = await app.indexer.distributionsOf(args.id);
      await app.services.repositories.delete(args.id);
      await app.indexer.refreshAll(serving);
    } else if (args.kind === 'remote') await app.services.remotes.delete(args.id);
    else {
      const d = await app.services.distributions.get(args.id);
      await app.services.distributions.delete(args.id);
      if (d) await app.indexer.forget(d.basePath);
    }
    return null;
  });
}
