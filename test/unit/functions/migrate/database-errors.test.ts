import { describe, expect, it } from 'vitest';
import { asRetryable, classifyDatabaseError } from '../../../../functions/migrate/database-errors';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('classifyDatabaseError', () => {
  it.each([
    { error: withCode('password authentication failed for user "pulp"', '28P01'), kind: 'auth' },
    { error: withCode('PAM authentication failed', '28000'), kind: 'auth' },
    { error: withCode('the database system is starting up', '57P03'), kind: 'unavailable' },
    { error: withCode('connection failure', '08006'), kind: 'unavailable' },
    { error: withCode('connect ECONNREFUSED 10.0.0.1:5432', 'ECONNREFUSED'), kind: 'unavailable' },
    { error: withCode('connect ETIMEDOUT', 'ETIMEDOUT'), kind: 'unavailable' },
    { error: new Error('timeout exceeded when trying to connect'), kind: 'unavailable' },
    { error: new Error('Connection terminated unexpectedly'), kind: 'unavailable' },
    { error: withCode('syntax error at or near "CREAT"', '42601'), kind: undefined },
    { error: new Error('Migration 0003_x.sql failed: boom'), kind: undefined },
    { error: 'not an error', kind: undefined },
  ])('sorts "$error" as $kind', ({ error, kind }) => {
    // Act / Assess
    expect(classifyDatabaseError(error)).toBe(kind);
  });
});

describe('asRetryable', () => {
  it.each([
    { error: withCode('password authentication failed', '28P01'), name: 'DatabaseAuthFailed' },
    { error: withCode('connect ECONNREFUSED', 'ECONNREFUSED'), name: 'DatabaseUnavailable' },
  ])('renames $name failures, keeping message and cause', ({ error, name }) => {
    // Act
    const wrapped = asRetryable(error) as Error;

    // Assess
    expect(wrapped.name).toBe(name);
    expect(wrapped.message).toBe(error.message);
    expect(wrapped.cause).toBe(error);
  });

  it('passes any other failure through untouched', () => {
    // Prepare
    const error = withCode('relation "x" does not exist', '42P01');

    // Act / Assess
    expect(asRetryable(error)).toBe(error);
  });
});
