// Runs invocations of one built bundle the way the Lambda runtime does: a plain `node`
// process that imports index.mjs and calls its exports with an event and a context, one
// after another, so state a bundle keeps between invocations (pools, heartbeats) is real.
// Usage: node invoke-bundle.mjs <bundle dir> < [{ "export": "handler", "event": {...} }, ...]
// Prints RESULTS:<json> as the last line, one { ok, value | error } per invocation.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const bundleDir = process.argv[2];
const name = path.basename(bundleDir);
const invocations = JSON.parse(readFileSync(0, 'utf8'));
const mod = await import(pathToFileURL(path.join(bundleDir, 'index.mjs')).href);

const context = () => {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `bundle/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
};

const results = [];
for (const { export: exportName = 'handler', event = {} } of invocations) {
  try {
    results.push({ ok: true, value: await mod[exportName](event, context()) });
  } catch (error) {
    results.push({ ok: false, error: `${error?.name}: ${error?.message}` });
  }
}
process.stdout.write(`\nRESULTS:${JSON.stringify(results)}\n`);
// Pools and timers would keep the process alive; Lambda freezes it instead.
process.exit(0);
