import type { TaskContext } from './task-context';

/**
 * A typed handle on a task: its Pulp name and the shape of its arguments. The registry binds a
 * function to it and dispatch takes it, so both sides agree on the arguments at compile time;
 * `parse` checks them again at run time, since they come back from the database.
 */
export interface TaskHandle<A> {
  readonly name: string;
  parse(raw: Record<string, unknown>): A;
}

/** Thrown by a handle's parse: the stored arguments are not what the task expects. */
export class TaskArgumentsInvalid extends Error {}

export function defineTask<A extends object>(name: string, parse?: (raw: Record<string, unknown>) => A): TaskHandle<A> {
  return { name, parse: parse ?? ((raw) => raw as A) };
}

/** A task function bound to a handle: its return value becomes the task's `result`. */
export type TypedTaskFunction<A> = (ctx: TaskContext, args: A) => Promise<unknown>;

/** Argument readers for `parse` functions: each throws TaskArgumentsInvalid naming the field. */
export const arg = {
  string(raw: Record<string, unknown>, name: string): string {
    const value = raw[name];
    if (typeof value !== 'string') throw new TaskArgumentsInvalid(`Task argument "${name}" must be a string.`);
    return value;
  },
  optionalString(raw: Record<string, unknown>, name: string): string | undefined {
    const value = raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new TaskArgumentsInvalid(`Task argument "${name}" must be a string.`);
    return value;
  },
  boolean(raw: Record<string, unknown>, name: string, fallback = false): boolean {
    const value = raw[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw new TaskArgumentsInvalid(`Task argument "${name}" must be a boolean.`);
    return value;
  },
  number(raw: Record<string, unknown>, name: string): number {
    const value = raw[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TaskArgumentsInvalid(`Task argument "${name}" must be a number.`);
    return value;
  },
  strings(raw: Record<string, unknown>, name: string): string[] {
    const value = raw[name] ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new TaskArgumentsInvalid(`Task argument "${name}" must be a list of strings.`);
    }
    return value as string[];
  },
  record(raw: Record<string, unknown>, name: string): Record<string, unknown> {
    const value = raw[name] ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TaskArgumentsInvalid(`Task argument "${name}" must be an object.`);
    }
    return value as Record<string, unknown>;
  },
};
