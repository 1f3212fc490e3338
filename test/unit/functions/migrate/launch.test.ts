import { describe, expect, it } from 'vitest';
import { type InvokeOutcome, type LaunchDeps, launchMigration } from '../../../../functions/migrate/launch';
import type { MigrateEvent } from '../../../../functions/migrate/migrate-event';

const ok: InvokeOutcome = { ok: true, result: { applied: ['0001_core.sql'] } };
const failed = (errorType: string): InvokeOutcome => ({ ok: false, errorType, errorMessage: `${errorType} happened` });

/** A launcher's world: secrets that change on every read, and the migrator's scripted answers. */
const world = (answers: InvokeOutcome[]) => {
  const events: MigrateEvent[] = [];
  const sleeps: number[] = [];
  let reads = 0;
  const deps: LaunchDeps = {
    readSecret: async (id): Promise<Record<string, string>> =>
      id === 'admin' ? { password: 'admin-pw' } : { username: 'pulp', password: `pw-${++reads}` },
    invoke: async (event) => {
      events.push(event);
      return answers.shift() ?? failed('NoMoreAnswers');
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: () => undefined,
  };
  return { deps, events, sleeps };
};

const settings = { dbSecretId: 'master', adminSecretId: 'admin', retryDelaysMs: [10, 20, 30] };

describe('launchMigration', () => {
  it.each([
    { name: 'succeeds at once', answers: [ok], passwords: ['pw-1'], sleeps: [] },
    { name: 'retries a rotated password with a fresh read', answers: [failed('DatabaseAuthFailed'), ok], passwords: ['pw-1', 'pw-2'], sleeps: [10] },
    {
      name: 'waits out a resuming cluster',
      answers: [failed('DatabaseUnavailable'), failed('DatabaseUnavailable'), ok],
      passwords: ['pw-1', 'pw-2', 'pw-3'],
      sleeps: [10, 20],
    },
  ])('$name', async ({ answers, passwords, sleeps }) => {
    // Prepare
    const w = world(answers);

    // Act
    const result = await launchMigration(w.deps, settings);

    // Assess
    expect(result).toEqual({ applied: ['0001_core.sql'] });
    expect(w.events.map((e) => e.credentials?.password)).toEqual(passwords);
    expect(w.events.every((e) => e.credentials?.username === 'pulp' && e.admin?.password === 'admin-pw')).toBe(true);
    expect(w.sleeps).toEqual(sleeps);
  });

  it.each([
    { name: 'fails at once on a broken migration', answers: [failed('Error')], attempts: 1, error: /Migration failed \(Error\): Error happened/ },
    {
      name: 'gives up after the last retry',
      answers: Array.from({ length: 4 }, () => failed('DatabaseAuthFailed')),
      attempts: 4,
      error: /Migration failed \(DatabaseAuthFailed\)/,
    },
  ])('$name', async ({ answers, attempts, error }) => {
    // Prepare
    const w = world(answers);

    // Act
    const outcome = await launchMigration(w.deps, settings).catch((e: Error) => e);

    // Assess
    expect(String(outcome)).toMatch(error);
    expect(w.events).toHaveLength(attempts);
  });

  it('sends no admin password when no admin secret is named', async () => {
    // Prepare
    const w = world([ok]);

    // Act
    await launchMigration(w.deps, { ...settings, adminSecretId: undefined });

    // Assess
    expect(w.events[0]!.admin).toBeUndefined();
  });
});
