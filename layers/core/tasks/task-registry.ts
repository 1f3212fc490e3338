import type { TaskFunction } from './task-context';

/** Task functions by Pulp name, e.g. `pulp_file.app.tasks.synchronizing.synchronize`. */
export class TaskRegistry {
  private readonly functions = new Map<string, TaskFunction>();

  register(name: string, fn: TaskFunction): this {
    if (this.functions.has(name)) throw new Error(`Task function ${name} is registered twice`);
    this.functions.set(name, fn);
    return this;
  }

  get(name: string): TaskFunction | undefined {
    return this.functions.get(name);
  }

  names(): string[] {
    return [...this.functions.keys()];
  }
}
