import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appVersions } from '../../../layers/core/status/versions';
import { pulpCliFor, type PulpCli } from '../../support/pulp-cli';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { waitFor } from '../../support/wait-for';

const TASKS = '/pulp/api/v3/tasks/';

describe('pulp-cli 0.41 against the stack: status, tasks, workers, correlation ids', () => {
  let stack: TestStack;
  let cli: PulpCli;
  // A task that holds its resource until the test lets it go (bounded), to have one waiting behind it.
  const released = new Set<string>();

  beforeAll(async () => {
    stack = await startTestStack('e2e-cli-core', { workers: 2 });
    stack.app.registry
      .register('test.e2e.noop', async (_ctx, args) => ({ echoed: args.value ?? null }))
      .register('test.e2e.hold', async (_ctx, args) => {
        const until = Date.now() + 30_000;
        while (!released.has(String(args.key)) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
        return null;
      });
    cli = await pulpCliFor(stack);
  });

  afterAll(async () => {
    await cli?.close();
    await stack?.stop();
  });

  it('pulp status shows our versions and a connected database', async () => {
    // Prepare
    const expected = Object.entries(appVersions(stack.app.components)).map(([component, version]) => ({ component, version }));

    // Act
    const status = await cli.json(['status']);

    // Assess
    expect(status.versions).toEqual(expected.map((v) => expect.objectContaining(v)));
    expect(status.database_connection).toEqual({ connected: true });
  });

  it('pulp --refresh-api status downloads the document again and still works', async () => {
    // Prepare
    const expected = appVersions(stack.app.components);

    // Act
    const status = await cli.json(['--refresh-api', 'status']);

    // Assess
    const shown = Object.fromEntries(status.versions.map((v: any) => [v.component, v.version]));
    expect(shown).toEqual(expected);
  });

  it('pulp task list / show --href read a finished task', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.e2e.noop', args: { value: 7 }, exclusiveResources: ['prn:test.e2e:show'] });
    await waitForTask(stack, `${TASKS}${task.id}/`);

    // Act
    const listed = await cli.json(['task', 'list', '--name', 'test.e2e.noop', '--state', 'completed']);
    const shown = await cli.json(['task', 'show', '--href', `${TASKS}${task.id}/`]);

    // Assess
    expect(listed.map((t: any) => t.pulp_href)).toEqual([`${TASKS}${task.id}/`]);
    expect(shown).toMatchObject({ pulp_href: `${TASKS}${task.id}/`, state: 'completed', result: { echoed: 7 } });
  });

  it('pulp task list --limit returns at most that many tasks', async () => {
    // Prepare: seven tasks under one fresh name
    const name = `test.e2e.noop.${randomUUID().slice(0, 8)}`;
    stack.app.registry.register(name, async () => null);
    const tasks = await Promise.all(
      Array.from({ length: 7 }, (_, i) => stack.app.dispatcher.dispatch({ name, exclusiveResources: [`prn:test.e2e:page${i}`] })),
    );
    await Promise.all(tasks.map((t) => waitForTask(stack, `${TASKS}${t.id}/`)));

    // Act
    const all = await cli.json(['task', 'list', '--name', name, '--limit', '7']);
    const few = await cli.json(['task', 'list', '--name', name, '--limit', '3']);

    // Assess
    expect(new Set(all.map((t: any) => t.pulp_href))).toEqual(new Set(tasks.map((t) => `${TASKS}${t.id}/`)));
    expect(few).toHaveLength(3);
  });

  it('pulp task show --href of an unknown task fails with not found', async () => {
    // Prepare
    const href = `${TASKS}${randomUUID()}/`;

    // Act
    const r = await cli.fails(['task', 'show', '--href', href]);

    // Assess
    expect(r.stderr).toMatch(/not found|404/i);
  });

  it('pulp worker list shows the online workers, and task list --worker looks one up', async () => {
    // Prepare
    const workers = await waitFor(async () => {
      const listed = await cli.json(['worker', 'list']);
      return listed.length >= 1 ? listed : undefined;
    }, { timeoutMs: 30_000, what: 'a registered worker' });

    // Act
    const byWorker = await cli.run(['task', 'list', '--worker', workers[0].name]);

    // Assess
    expect(workers[0]).toMatchObject({ pulp_href: expect.stringMatching(/^\/pulp\/api\/v3\/workers\/[0-9a-f-]{36}\/$/) });
    expect(byWorker.code, byWorker.stderr).toBe(0);
  });

  it('pulp worker list --missing and --online filter by heartbeat', async () => {
    // Prepare: one worker record that stopped beating long ago.
    await stack.app.workers.heartbeat('gone@e2e', 'worker', {});
    await stack.app.db.query(`UPDATE workers SET last_heartbeat = clock_timestamp() - interval '1 hour' WHERE name = 'gone@e2e'`);

    // Act
    const missing = await cli.json(['worker', 'list', '--missing']);
    const online = await cli.json(['worker', 'list', '--online']);

    // Assess
    expect(missing.map((w: { name: string }) => w.name)).toEqual(['gone@e2e']);
    expect(online.map((w: { name: string }) => w.name)).not.toContain('gone@e2e');
    expect(online.length).toBeGreaterThanOrEqual(1);
  });

  it('pulp --cid <uuid> -vv status sends the id and shows it echoed as Correlation-ID', async () => {
    // Prepare
    const cid = randomUUID();

    // Act
    const r = await cli.run(['-vv', '--cid', cid, 'status']);

    // Assess
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Correlation-ID: ${cid}`);
  });

  it('pulp --cid accepts the undashed form test_status.sh uses, and rejects a non-UUID', async () => {
    // Prepare
    const good = 'deadbeefdeadbeefdeadbeefdeadbeef';
    const bad = 'deadbeefdeadbeefdeadbeefdeadxxxx';

    // Act
    const ok = await cli.run(['-vv', '--cid', good, 'status']);
    const failed = await cli.fails(['--cid', bad, 'status']);

    // Assess
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain(`Correlation-ID: ${good}`);
    expect(failed.stderr).toContain('Correlation ID returned from server did not match');
  });

  it('pulp task cancel --href cancels a waiting task', async () => {
    // Prepare: a holder keeps the resource, so the second task waits behind it
    const key = randomUUID();
    const resource = `prn:test.e2e:cancel-${key}`;
    const holder = await stack.app.dispatcher.dispatch({ name: 'test.e2e.hold', args: { key }, exclusiveResources: [resource] });
    await waitFor(async () => ((await stack.app.taskStore.get(holder.id))?.state === 'running' ? true : undefined), { what: 'the holder to run' });
    const waiting = await stack.app.dispatcher.dispatch({ name: 'test.e2e.noop', exclusiveResources: [resource] });

    // Act
    const r = await cli.run(['task', 'cancel', '--href', `${TASKS}${waiting.id}/`]);
    released.add(key);

    // Assess
    expect(r.code, r.stderr).toBe(0);
    const shown = await cli.json(['task', 'show', '--href', `${TASKS}${waiting.id}/`]);
    expect(shown.state).toBe('canceled');
    const again = await cli.fails(['task', 'cancel', '--href', `${TASKS}${waiting.id}/`]);
    expect(again.stderr).toContain('cannot be canceled');
    await waitForTask(stack, `${TASKS}${holder.id}/`);
  });

  it('pulp task destroy --href deletes a finished task', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.e2e.noop', exclusiveResources: ['prn:test.e2e:destroy'] });
    const href = `${TASKS}${task.id}/`;
    await waitForTask(stack, href);

    // Act
    const r = await cli.run(['task', 'destroy', '--href', href]);

    // Assess
    expect(r.code, r.stderr).toBe(0);
    const gone = await cli.fails(['task', 'show', '--href', href]);
    expect(gone.stderr).toMatch(/not found|404/i);
  });

  it('pulp show --href reads any object by its href', async () => {
    // Prepare
    const task = await stack.app.dispatcher.dispatch({ name: 'test.e2e.noop', exclusiveResources: ['prn:test.e2e:show-href'] });
    const href = `${TASKS}${task.id}/`;
    await waitForTask(stack, href);

    // Act
    const shown = await cli.json(['show', '--href', href]);

    // Assess
    expect(shown.pulp_href).toBe(href);
  });

  it('pulp task purge removes finished tasks of the given state, pulp task summary counts by state', async () => {
    // Prepare
    const failing = `test.e2e.fail.${randomUUID().slice(0, 8)}`;
    stack.app.registry.register(failing, async () => {
      throw new Error('failed on purpose');
    });
    const task = await stack.app.dispatcher.dispatch({ name: failing, exclusiveResources: ['prn:test.e2e:purge'] });
    await waitForTask(stack, `${TASKS}${task.id}/`);
    const summaryBefore = await cli.json(['task', 'summary']);

    // Pulp purges tasks finished more than 30 days ago unless told otherwise.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 19);

    // Act
    const r = await cli.run(['task', 'purge', '--state', 'failed', '--finished-before', tomorrow]);

    // Assess
    expect(r.code, r.stderr).toBe(0);
    expect(summaryBefore.failed).toBeGreaterThanOrEqual(1);
    expect(await cli.json(['task', 'list', '--name', failing])).toEqual([]);
    const summaryAfter = await cli.json(['task', 'summary']);
    expect(summaryAfter.failed).toBe(0);
    expect(summaryAfter.completed).toBeGreaterThanOrEqual(1);
  });

  it('pulp task-group list answers a (possibly empty) list', async () => {
    // Prepare
    const args = ['task-group', 'list'];

    // Act
    const groups = await cli.json(args);

    // Assess
    expect(Array.isArray(groups)).toBe(true);
  });

  it('pulp task list --cid finds the tasks dispatched under that correlation id', async () => {
    // Prepare: a task dispatched while serving a request records the request's id
    const { withCorrelationId } = await import('../../../layers/core/tasks/correlation-scope');
    const cid = randomUUID();
    const task = await withCorrelationId(cid, () =>
      stack.app.dispatcher.dispatch({ name: 'test.e2e.noop', exclusiveResources: ['prn:test.e2e:cid'] }),
    );
    await waitForTask(stack, `${TASKS}${task.id}/`);

    // Act
    const listed = await cli.json(['task', 'list', '--cid', cid]);

    // Assess
    expect(listed.map((t: any) => [t.pulp_href, t.logging_cid])).toEqual([[`${TASKS}${task.id}/`, cid]]);
  });
});
