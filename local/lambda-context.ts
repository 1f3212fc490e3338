import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  functionName: string;
  timeoutMs: number;
  requestId?: string;
}

// Fixed fake account and region: handlers only ever log these values.
const LOCAL_ACCOUNT = '000000000000';
const LOCAL_REGION = 'us-east-1';

/**
 * A Lambda Context for an in-process invocation. getRemainingTimeInMillis counts down from
 * the moment of creation, so code that checkpoints before the 15-minute limit (long tasks)
 * behaves locally as it would in Lambda.
 */
export function createLambdaContext(opts: LambdaContextOptions): Context {
  const deadline = Date.now() + opts.timeoutMs;
  const requestId = opts.requestId ?? randomUUID();
  const unsupported = (name: string) => () => {
    // The callback-era helpers are deprecated; handlers here are async.
    throw new Error(`context.${name}() is not supported; return a promise instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: opts.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${opts.functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${opts.functionName}`,
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
