import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');

/**
 * Loads a handler module in a fresh Node process and reports whether the X-Ray SDK's
 * cls-hooked namespace (its process-wide async hook) exists afterwards, and after one traced
 * middleware run when tracing is switched on.
 */
async function probe(module: string, env: Record<string, string>): Promise<{ atLoad: boolean; afterCall: boolean }> {
  const script = `
    const { sdkTracing } = await import(${JSON.stringify(path.join(root, 'functions/shared/tracing.ts'))});
    await import(${JSON.stringify(path.join(root, module))});
    const atLoad = Boolean(process.namespaces?.AWSXRay);
    const middleware = sdkTracing();
    await middleware.before?.({ event: {}, context: { functionName: 'probe' }, response: undefined, error: undefined, internal: {} });
    console.log(JSON.stringify({ atLoad, afterCall: Boolean(process.namespaces?.AWSXRay) }));
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, POWERTOOLS_TRACE_ENABLED: '', AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('sdkTracing', () => {
  it.each(['functions/api/index.ts', 'functions/worker/index.ts', 'functions/fetcher/index.ts', 'functions/content/index.ts'])(
    'loading %s does not install the X-Ray SDK hook while tracing is off',
    async (module) => {
      // Act
      const seen = await probe(module, {});

      // Assess
      expect(seen).toEqual({ atLoad: false, afterCall: false });
    },
    60_000,
  );

  it('loads the Tracer on first use when POWERTOOLS_TRACE_ENABLED=true', async () => {
    // Act
    const seen = await probe('functions/api/index.ts', { POWERTOOLS_TRACE_ENABLED: 'true' });

    // Assess
    expect(seen).toEqual({ atLoad: false, afterCall: true });
  }, 60_000);
});
