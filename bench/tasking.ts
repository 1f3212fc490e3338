// Tasking benchmark: dispatch latency (dispatch -> running) and no-op task throughput with
// 1, 2 and 4 concurrent workers on the local stack (embedded Postgres + moto SQS FIFO).
// Pulp's published anchor: ~30 tasks/s with 80 workers on PG locking (Pulp's own tasking benchmark, 2026).
import { percentile, round, startBenchStack, writeResult } from './support';

const TASKS_PER_RUN = Number(process.env.BENCH_TASKS ?? 200);
const RUN_TIMEOUT_MS = 180_000;
const IDLE_SAMPLES = 30;
const DISPATCH_CONCURRENCY = 8;

async function run(workers: number) {
  const bench = await startBenchStack(`tasking-${workers}`, workers);
  const { stack } = bench;
  try {
    stack.app.registry.register(`bench.noop.${workers}`, async () => null);
    // Latency on an idle system: one task at a time, dispatch -> running.
    const idle: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      const t0 = Date.now();
      const task = await stack.app.dispatcher.dispatch({ name: `bench.noop.${workers}`, exclusiveResources: [`prn:bench.idle:${workers}-${i}`] });
      for (let polls = 0; polls < 2000; polls++) {
        const current = await stack.app.taskStore.get(task.id);
        if (current?.startedAt) {
          idle.push(Date.parse(current.startedAt) - t0);
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const name = `bench.burst.${workers}`;
    stack.app.registry.register(name, async () => null);
    const dispatchedAt = new Map<string, number>();
    const started = Date.now();
    // Each task on a resource of its own, as Pulp's benchmark does: pure tasking overhead.
    // Dispatched 8 at a time, like concurrent API requests, so dispatch is not the bottleneck.
    let nextIndex = 0;
    const dispatchLane = async (): Promise<void> => {
      while (nextIndex < TASKS_PER_RUN) {
        const i = nextIndex++;
        const t0 = Date.now();
        const task = await stack.app.dispatcher.dispatch({ name, exclusiveResources: [`prn:bench.thing:${workers}-${i}`] });
        dispatchedAt.set(task.id, t0);
      }
    };
    await Promise.all(Array.from({ length: DISPATCH_CONCURRENCY }, dispatchLane));
    const dispatchDone = Date.now();
    const deadline = started + RUN_TIMEOUT_MS;
    let finished = 0;
    while (Date.now() < deadline) {
      const { count } = await stack.app.taskStore.list({ name, stateIn: ['completed', 'failed'] }, { limit: 1, offset: 0 });
      finished = count;
      if (finished >= TASKS_PER_RUN) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ended = Date.now();
    const { results } = await stack.app.taskStore.list({ name }, { limit: 1000, offset: 0 });
    const toRunning = results.filter((t) => t.startedAt).map((t) => Date.parse(t.startedAt!) - dispatchedAt.get(t.id)!);
    const lastFinish = Math.max(...results.filter((t) => t.finishedAt).map((t) => Date.parse(t.finishedAt!)));
    const firstStart = Math.min(...results.filter((t) => t.startedAt).map((t) => Date.parse(t.startedAt!)));
    return {
      workers,
      tasks: TASKS_PER_RUN,
      completed: results.filter((t) => t.state === 'completed').length,
      timedOut: finished < TASKS_PER_RUN,
      dispatchPerSecond: round(TASKS_PER_RUN / ((dispatchDone - started) / 1000)),
      throughputPerSecond: round(TASKS_PER_RUN / ((lastFinish - started) / 1000)),
      drainPerSecond: round(TASKS_PER_RUN / ((lastFinish - firstStart) / 1000)),
      wallSeconds: round((ended - started) / 1000, 2),
      idleLatencyToRunningMs: { p50: percentile(idle, 50), p95: percentile(idle, 95), samples: idle.length },
      burstLatencyToRunningMs: { p50: percentile(toRunning, 50), p95: percentile(toRunning, 95), max: Math.max(...toRunning) },
    };
  } finally {
    await bench.stop();
  }
}

const results = [];
for (const workers of [1, 2, 4]) {
  const result = await run(workers);
  console.log(JSON.stringify(result));
  results.push(result);
}
const file = await writeResult('tasking', {
  note:
    'No-op tasks, each on its own resource; dispatch is in-process (no HTTP), 8 concurrent dispatches. idle = one task at a time; burst = all tasks dispatched at once, latency includes queueing; throughput = tasks / (last finish - first dispatch); drain = tasks / (last finish - first start). Local stack: embedded Postgres + moto SQS FIFO (long-polling, one message per receive) on one 2-core machine shared with Postgres and moto.',
  anchor: { pulpPgLockingTasksPerSecond: 30.2, pulpRedisWorkerTasksPerSecond: 69.8, source: 'Pulp blog, RedisWorker performance (80 workers, RDS db.m7g.large)' },
  runs: results,
});
console.log(`wrote ${file}`);
process.exit(0);
