import { startLocalStack } from '../local/stack';
const stack = await startLocalStack({ host: '127.0.0.1', port: 0, dataDir: '/work/main/.data', workers: 4, adminPassword: 'pw', names: { bucket: 'ser', taskQueue: 'ser' + Date.now() + '.fifo', downloadQueue: 'serdl' }, log: () => undefined });
stack.app.registry.register('t.noop', async () => null);
const t0 = Date.now();
const ids = [];
for (let i = 0; i < 20; i++) ids.push((await stack.app.dispatcher.dispatch({ name: 't.noop', exclusiveResources: ['prn:x:serial' + t0] })).id);
for (;;) {
  const { results } = await stack.app.taskStore.list({ ids }, { limit: 100, offset: 0 });
  const done = results.filter((t) => t.state === 'completed').length;
  console.log(Date.now() - t0, 'done', done, results.filter(t=>t.state==='running').length);
  if (done === 20 || Date.now() - t0 > 60000) break;
  await new Promise((r) => setTimeout(r, 1000));
}
await stack.stop(); process.exit(0);
