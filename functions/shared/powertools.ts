import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// One set of Powertools singletons per process, shared by every handler in it.
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'pulp';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ServerlessPulp',
});
export const tracer = new Tracer({ serviceName });
