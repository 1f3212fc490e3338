import type { MiddlewareObj, Request } from '@middy/core';
import { serviceName } from './powertools';

/**
 * Powertools' Tracer, loaded only when `POWERTOOLS_TRACE_ENABLED=true` is set on the function.
 * Loading the X-Ray SDK installs an async hook (cls-hooked) that tracks every promise in the
 * process: measured on Node 20, a chain of awaits costs ~12× the CPU once it is loaded, and a
 * sync spends most of its time awaiting. Lambda's active tracing (set on every function) still
 * records each invocation without it; this adds the handler subsegment and annotations.
 */
export function sdkTracing(enabled = process.env.POWERTOOLS_TRACE_ENABLED === 'true'): MiddlewareObj {
  // middy refuses a middleware without a phase.
  if (!enabled) return { before: () => undefined };
  let loaded: Promise<MiddlewareObj> | undefined;
  const middleware = () =>
    (loaded ??= (async () => {
      const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
        import('@aws-lambda-powertools/tracer'),
        import('@aws-lambda-powertools/tracer/middleware'),
      ]);
      return captureLambdaHandler(new Tracer({ serviceName }));
    })());
  return {
    before: async (request: Request) => (await middleware()).before?.(request),
    after: async (request: Request) => (await middleware()).after?.(request),
    onError: async (request: Request) => (await middleware()).onError?.(request),
  };
}
