import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../layers/app/app';
import { basic, createUser, type ActingUser } from '../../support/access-users';
import { anotherInstance, httpEvent } from '../../support/lambda-events';
import { startTestStack, type TestStack } from '../../support/test-stack';

const TASKS = '/pulp/api/v3/tasks/';

/** Failed logins on one instance slow the next attempts on every other: the state is in the database. */
describe('brute-force throttling across instances', () => {
  let stack: TestStack;
  let second: App;
  let victim: ActingUser;

  beforeAll(async () => {
    stack = await startTestStack('access-throttle', { workers: 1, runWorkers: false });
    second = anotherInstance(stack);
    victim = await createUser(stack, 'throttled-user');
  });

  afterAll(async () => {
    await second?.close();
    await stack?.stop();
  });

  const call = (app: App, password: string, ip: string) =>
    app.router.handle(httpEvent('GET', `${stack.url}${TASKS}`, { authorization: basic(victim.username, password) }, ip), app);

  it('answers 429 with Retry-After on another instance once one instance counted enough failures, for that user and client only', async () => {
    // Act: a guessing run against the first instance...
    const guesses = [];
    for (let i = 0; i < 6; i += 1) guesses.push((await call(stack.app, `guess-${i}`, '198.51.100.7')).statusCode);
    // ...kept going (recorded as the first instance would), long enough that no test is racing the lock's end.
    for (let i = 0; i < 12; i += 1) await stack.app.access.throttle.failed(victim.username, '198.51.100.7');
    const blocked = await call(second, victim.password, '198.51.100.7');
    const elsewhere = await call(second, victim.password, '198.51.100.8');

    // Assess
    expect(guesses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers?.['Retry-After'])).toBeGreaterThan(60);
    expect(elsewhere.statusCode).toBe(200);
  });

  it('does not count failures from a client against another client for the same user', async () => {
    for (let i = 0; i < 5; i += 1) await call(second, `typo-${i}`, '203.0.113.1');
    expect((await call(stack.app, victim.password, '203.0.113.2')).statusCode).toBe(200);
  });
});
