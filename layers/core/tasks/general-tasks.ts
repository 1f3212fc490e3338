import type { TaskFunction } from './task-context';
import type { TaskRegistry } from './task-registry';

/** Pulp's generic task names, shared by every model (repositories, remotes, distributions...). */
export const GENERAL_CREATE = 'pulpcore.app.tasks.base.general_create';
export const GENERAL_UPDATE = 'pulpcore.app.tasks.base.general_update';
export const GENERAL_DELETE = 'pulpcore.app.tasks.base.general_delete';

const tables = new WeakMap<TaskRegistry, Map<string, Map<string, TaskFunction>>>();

/**
 * Registers the part of a generic task that handles one model. The registry holds one
 * function per Pulp name, which dispatches on `args.model` (e.g. `file.fileremote`), so every
 * plugin can add its models without owning the name.
 */
export function registerGeneralTask(registry: TaskRegistry, name: string, model: string, fn: TaskFunction): void {
  let byName = tables.get(registry);
  if (!byName) tables.set(registry, (byName = new Map()));
  let byModel = byName.get(name);
  if (!byModel) {
    const models = new Map<string, TaskFunction>();
    byName.set(name, (byModel = models));
    registry.register(name, async (ctx, args) => {
      const handler = models.get(String(args.model));
      if (!handler) throw new Error(`${name} has no handler for model ${String(args.model)}`);
      return handler(ctx, args);
    });
  }
  if (byModel.has(model)) throw new Error(`${name} already has a handler for ${model}`);
  byModel.set(model, fn);
}
