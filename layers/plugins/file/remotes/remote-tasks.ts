import type { TaskContext } from '../../../core/tasks/task-context';
import type { RemoteAttributes } from './remote';
import type { RemoteService } from './remote-service';
import { serializeRemote } from './remote-serializer';

/** general_update for a remote: applies the checked changes; the result is the remote. */
export function updateRemoteTask(remotes: RemoteService) {
  return async (_ctx: TaskContext, args: Record<string, unknown>): Promise<unknown> => {
    const remote = await remotes.store.update(String(args.id), args.changes as Partial<RemoteAttributes>);
    if (!remote) throw new Error(`The remote ${String(args.id)} no longer exists.`);
    return serializeRemote(remote);
  };
}

/** general_delete for a remote; repositories naming it keep no remote (ON DELETE SET NULL). */
export function deleteRemoteTask(remotes: RemoteService) {
  return async (_ctx: TaskContext, args: Record<string, unknown>): Promise<unknown> => {
    await remotes.store.delete(String(args.id));
    return null;
  };
}
