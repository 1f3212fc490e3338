import type { App } from '../app';
import { serializePublication } from '../../api/publications/publication-serializer';
import { publishTask, syncTask } from '../../core/tasks/core-tasks';
import type { TaskRegistry } from '../../core/tasks/task-registry';

/**
 * The tasks plugins declare: each repository type's sync and each publication type's publish
 * run inside core's handling (loading the objects, recording what was created), plus the
 * plugins' own tasks.
 */
export function registerPluginTasks(app: App, registry: TaskRegistry): void {
  for (const { definition } of app.types.repositories.all) {
    const sync = definition.sync;
    if (!sync) continue;
    registry.register(syncTask(sync.taskName), async (ctx, args) => {
      const repository = await app.services.repositories.get(args.repositoryId);
      if (!repository) throw new Error(`The repository ${args.repositoryId} no longer exists.`);
      const remote = await app.services.remotes.get(args.remoteId);
      if (!remote) throw new Error(`The remote ${args.remoteId} no longer exists.`);
      return sync.run({ repository, remote, mirror: args.mirror, options: args.options }, ctx, app.plugins);
    });
  }
  for (const { definition } of app.types.publications.all) {
    registry.register(publishTask(definition.taskName), async (ctx, args) => {
      const version = await app.services.versions.byId(args.versionId);
      if (!version) throw new Error('The repository version does not exist.');
      const publication = await app.plugins.publications.publish(args.pulpType, version, ctx, { fields: args.fields, checkpoint: args.checkpoint });
      await ctx.created(app.hrefs.publication(publication.pulpType, publication.id), app.hrefs.prn('publications', publication.pulpType, publication.id));
      return serializePublication(app, publication);
    });
  }
  for (const plugin of app.types.plugins) {
    for (const task of plugin.tasks ?? []) registry.register(task.handle, (ctx, args) => task.run(args, ctx, app.plugins));
  }
}
