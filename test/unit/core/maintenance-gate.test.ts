import { describe, expect, it } from 'vitest';
import { ACTIVE_WINDOW_MS, FULL_RUN_EVERY_MS, reasonToRun } from '../../../layers/core/maintenance-gate';
import type { FullRun, MaintenanceSignals } from '../../../layers/core/ports/maintenance-signals';

const NOW = 1_800_000_000_000;

/** Signals as plain values (the gate is pure logic over them). */
function signals(values: { queued?: number; contentWork?: boolean; activity?: number; fullRun?: FullRun }): MaintenanceSignals {
  return {
    queuedTaskMessages: async () => values.queued ?? 0,
    contentWorkPending: async () => values.contentWork ?? false,
    lastActivity: async () => values.activity,
    markActivity: async () => undefined,
    lastFullRun: async () => values.fullRun,
    recordFullRun: async () => undefined,
  };
}

const recentRun = { at: NOW - 60_000 };

describe('reasonToRun', () => {
  it.each([
    { name: 'idle after a recent run', values: { fullRun: recentRun }, expected: undefined },
    { name: 'activity just outside the window', values: { fullRun: recentRun, activity: NOW - ACTIVE_WINDOW_MS }, expected: undefined },
    { name: 'a schedule due later', values: { fullRun: { ...recentRun, nextScheduleAt: NOW + 1 } }, expected: undefined },
    { name: 'queued messages', values: { fullRun: recentRun, queued: 1 }, expected: 'task messages are queued or in flight' },
    { name: 'content work', values: { fullRun: recentRun, contentWork: true }, expected: 'the content app left work' },
    { name: 'recent activity', values: { fullRun: recentRun, activity: NOW - ACTIVE_WINDOW_MS + 1 }, expected: 'the API served requests recently' },
    { name: 'no run yet', values: {}, expected: 'the daily full run' },
    { name: 'a day since the last run', values: { fullRun: { at: NOW - FULL_RUN_EVERY_MS } }, expected: 'the daily full run' },
    { name: 'a schedule due now', values: { fullRun: { ...recentRun, nextScheduleAt: NOW } }, expected: 'a task schedule is due' },
  ])('$name: $expected', async ({ values, expected }) => {
    // Act
    const reason = await reasonToRun(signals(values), NOW);
    // Assess
    expect(reason).toBe(expected);
  });
});
