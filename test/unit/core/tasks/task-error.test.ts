import { describe, expect, it } from 'vitest';
import { sanitizeTaskError, TASK_ERROR_LIMITS, taskErrorFrom } from '../../../../layers/core/tasks/task-error';

describe('sanitizeTaskError', () => {
  const cases: Array<{ what: string; description: string; expected: string | RegExp }> = [
    { what: 'drops NUL and other controls, keeps newlines and tabs', description: 'a\u0000b\u0001c\nd\te\u007f', expected: 'abc\nd\te' },
    { what: 'replaces a lone surrogate', description: 'x\ud800y\udc00z', expected: 'x\ufffdy\ufffdz' },
    { what: 'keeps a well-formed pair', description: 'emoji 😀', expected: 'emoji 😀' },
    { what: 'removes URL credentials', description: 'Download of https://user:p@ss@host.example/a failed', expected: 'Download of https://host.example/a failed' },
    { what: 'keeps URLs without credentials', description: 'GET http://host:8080/repo/PULP_MANIFEST 404', expected: 'GET http://host:8080/repo/PULP_MANIFEST 404' },
    { what: 'bounds a huge message', description: 'x'.repeat(10_000_000), expected: /^x+ … \[truncated\]$/ },
  ];
  it.each(cases)('$what', ({ description, expected }) => {
    // Act
    const error = sanitizeTaskError({ description });
    // Assess
    expect(error.description).toMatch(typeof expected === 'string' ? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : expected);
    expect(error.description!.length).toBeLessThanOrEqual(TASK_ERROR_LIMITS.description);
  });

  it('keeps Pulp shapes: {description, traceback} or {reason}', () => {
    // Act
    const shapes = [sanitizeTaskError({ description: 'd', traceback: 't' }), sanitizeTaskError({ reason: 'r' })];
    // Assess
    expect(shapes).toEqual([{ description: 'd', traceback: 't' }, { reason: 'r' }]);
  });

  it('gives every stored error a few KB at most, whatever the input', () => {
    // Act
    const error = sanitizeTaskError({ description: 'd'.repeat(1e6), traceback: 't'.repeat(1e6), reason: 'r'.repeat(1e6) });
    // Assess
    expect(JSON.stringify(error).length).toBeLessThan(10_000);
  });
});

describe('taskErrorFrom', () => {
  it('keeps file names, lines and URLs in a stack but not the server directories', () => {
    // Prepare
    const err = new Error('Download of http://internal.example/x/y failed');
    err.stack = [
      'Error: Download of http://internal.example/x/y failed',
      '    at HttpDownloader.open (/var/task/layers/core/download/http-downloader.ts:120:13)',
      '    at file:///home/build/app/functions/worker/index.mjs:5:7',
      '    at async Promise.all (index 0)',
      '    at node:internal/process/task_queues:95:5',
    ].join('\n');
    // Act
    const { traceback, description } = taskErrorFrom(err);
    // Assess
    expect(description).toBe('Download of http://internal.example/x/y failed');
    expect(traceback).toContain('http://internal.example/x/y');
    expect(traceback).toContain('(http-downloader.ts:120:13)');
    expect(traceback).toContain('at index.mjs:5:7');
    expect(traceback).toContain('node:internal/process/task_queues:95:5');
    expect(traceback).not.toMatch(/\/var\/task|\/home\/build|file:\/\//);
  });

  it('names only the file a system error failed on', () => {
    // Prepare
    const err = Object.assign(new Error("ENOENT: no such file or directory, open '/srv/pulp/media/abc.tmp'"), { path: '/srv/pulp/media/abc.tmp', code: 'ENOENT' });
    // Act
    const { description } = taskErrorFrom(err);
    // Assess
    expect(description).toBe("ENOENT: no such file or directory, open 'abc.tmp'");
  });

  it('describes something thrown that is not an Error', () => {
    // Act
    const error = taskErrorFrom('plain \u0000 string');
    // Assess
    expect(error.description).toBe('plain  string');
  });
});
