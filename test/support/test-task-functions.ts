import type { TaskRegistry } from '../../layers/core/tasks/task-registry';

/** Counts runs per task id, to prove a task ran exactly once. */
export const runs = new Map<string, number>();

/**
 * Task functions for tasking tests. Registered in the test process and in the worker child
 * processes, so any worker can run them.
 */
export function registerTestTasks(registry: TaskRegistry): void {
  registry
    .register('test.noop', async (ctx) => {
      runs.set(ctx.taskId, (runs.get(ctx.taskId) ?? 0) + 1);
      return { ran: true };
    })
    .register('test.fail', async () => {
      throw new Error('failed on purpose');
    })
    .register('test.sleep', async (_ctx, args) => {
      await new Promise((r) => setTimeout(r, Number(args.ms ?? 100)));
      return { slept: args.ms };
    })
    // Works in steps until canceled; reports progress so the cancel is noticed.
    .register('test.until-canceled', async (ctx) => {
      for (let step = 0; step < 600; step++) {
        await ctx.progress({ message: 'Spinning', code: 'test.spin', state: 'running', total: null, done: step, suffix: null });
        await ctx.throwIfCanceled();
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('never canceled');
    })
    // A long task that checkpoints: resumes from the step it saved.
    .register('test.steps', async (ctx, args) => {
      const total = Number(args.steps);
      const saved = (ctx.checkpoint as { step: number; invocations: number } | undefined) ?? { step: 0, invocations: 0 };
      let step = saved.step;
      const invocations = saved.invocations + 1;
      while (step < total) {
        // Stop well before the deadline: an invocation that overruns counts as failed, as in Lambda.
        if (ctx.remainingTimeMs() < Number(args.reserveMs ?? Number(args.stepMs) * 2)) ctx.continueLater({ step, invocations });
        await new Promise((r) => setTimeout(r, Number(args.stepMs)));
        step++;
      }
      return { step, invocations };
    })
    // Hangs (bounded) so a test can kill the process running it.
    .register('test.hang', async () => {
      await new Promise((r) => setTimeout(r, 120_000));
      return { hung: false };
    });
}
