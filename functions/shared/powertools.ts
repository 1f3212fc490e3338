import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// One set of Powertools singletons per process, shared by every handler in it. The Tracer is
// not one of them: see tracing.ts.
export const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'pulp';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ServerlessPulp',
});
