import type { TaskFunction } from './task-context';
import type { TaskHandle, TypedTaskFunction } from './task-definition';

/** Task functions by Pulp name, e.g. `pulp_file.app.tasks.synchronizing.synchronize`. */
export class TaskRegistry {
  private readonly functions = new Map<string, TaskFunction>();

  /** Binds a function to a typed handle (its arguments parsed before each run) or to a bare name. */
  register<A>(task: TaskHandle<A>, fn: TypedTaskFunction<A>): this;
  register(task: string, fn: TaskFunction): this;
  register<A>(task: TaskHandle<A> | string, fn: TypedTaskFunction<A> | TaskFunction): this {
    const name = typeof task === 'string' ? task : task.name;
    if (this.functions.has(name)) throw new Error(`Task function ${name} is registered twice`);
    const bound: TaskFunction =
      typeof task === 'string' ? (fn as TaskFunction) : (ctx, raw) => (fn as TypedTaskFunction<A>)(ctx, task.parse(raw));
    this.functions.set(name, bound);
    return this;
  }

  get(name: string): TaskFunction | undefined {
    return this.functions.get(name);
  }

  names(): string[] {
    return [...this.functions.keys()];
  }
}
