import type { TaskContext } from '../core/tasks/task-context';
import type { TaskRegistry } from '../core/tasks/task-registry';

/**
 * Pulp's generic create/update/delete tasks serve every model under one task name each;
 * `args.kind` (e.g. `file.distribution`) picks the handler a plugin registered.
 */
export const GENERAL_TASKS = {
  create: 'pulpcore.app.tasks.base.general_create',
  update: 'pulpcore.app.tasks.base.general_update',
  delete: 'pulpcore.app.tasks.base.general_delete',
} as const;

export type GeneralOp = keyof typeof GENERAL_TASKS;
export type GeneralHandler = (ctx: TaskContext, args: Record<string, unknown>) => Promise<unknown>;

export class GeneralTasks {
  private readonly handlers = new Map<string, GeneralHandler>();

  on(op: GeneralOp, kind: string, handler: GeneralHandler): this {
    const key = `${op}:${kind}`;
    if (this.handlers.has(key)) throw new Error(`General ${op} handler for ${kind} is registered twice`);
    this.handlers.set(key, handler);
    return this;
  }

  /** Registers the three task names once, each dispatching on `args.kind`. */
  register(registry: TaskRegistry): void {
    for (const op of Object.keys(GENERAL_TASKS) as GeneralOp[]) {
      registry.register(GENERAL_TASKS[op], async (ctx, args) => {
        const handler = this.handlers.get(`${op}:${String(args.kind)}`);
        if (!handler) throw new Error(`No ${op} handler for ${String(args.kind)}`);
        return handler(ctx, args);
      });
    }
  }
}
