import { currentPrincipal } from '../../core/access/principal';
import type { App } from '../app';
import { serializeArtifact } from '../../api/artifacts/artifact-serializer';
import type { TaskState } from '../../core/tasks/task';
import { commitUploadTask, orphanCleanupTask, purgeTask } from '../../core/tasks/core-tasks';
import type { TaskRegistry } from '../../core/tasks/task-registry';

/** Uploads, orphan cleanup and task purge. */
export function registerPlatformTasks(app: App, registry: TaskRegistry): void {
  registry.register(commitUploadTask, async (ctx, args) => {
    const artifact = await app.services.uploads.commit(args.uploadId, args.sha256);
    await ctx.created(app.hrefs.artifact(artifact.id), `prn:core.artifact:${artifact.id}`);
    return serializeArtifact(artifact);
  });

  registry.register(orphanCleanupTask, async (ctx, args) => {
    const removed = await app.services.orphans.cleanup({ contentIds: args.contentIds, protectionMinutes: args.protectionMinutes });
    await ctx.progress({ message: 'Clean up orphan Content', code: 'clean-up.content', state: 'completed', total: removed.content, done: removed.content, suffix: null });
    await ctx.progress({ message: 'Clean up orphan Artifacts', code: 'clean-up.artifacts', state: 'completed', total: removed.artifacts, done: removed.artifacts, suffix: null });
    return null;
  });

  // A large tasks table degrades everything (Pulp #5378): finished tasks go in batches.
  registry.register(purgeTask, async (_ctx, args) => {
    // A user's purge removes only the tasks they may delete (Pulp scopes it by core.delete_task).
    const principal = currentPrincipal();
    const scope = principal ? await app.access.authorizer.scopeFor(principal, [{ permission: 'core.delete_task' }]) : undefined;
    const deleted = await app.taskStore.purge(new Date(args.finished_before), (args.states ?? ['completed']) as TaskState[], scope);
    return { deleted };
  });
}
