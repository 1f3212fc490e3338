import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../../support/test-stack';

const sha = (c: string) => c.repeat(64);

/** Recording many downloaded artifacts in one statement (a sync's batch) behaves as one insert each. */
describe('ArtifactService.ensureArtifacts', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('ensure-artifacts', { runWorkers: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('records new artifacts, returns existing rows for known sha256s, and takes a sha256 twice in one batch as one', async () => {
    // Prepare
    const artifacts = stack.app.services.artifacts;
    const existing = await artifacts.ensureArtifact({ sha256: sha('a'), size: 1, md5: null });

    // Act
    const rows = await artifacts.ensureArtifacts([
      { sha256: sha('b'), size: 2 },
      { sha256: sha('a'), size: 1, md5: 'f'.repeat(32) },
      { sha256: sha('c'), size: 3 },
      { sha256: sha('b'), size: 2 },
    ]);

    // Assess
    const bySha = new Map(rows.map((r) => [r.sha256, r]));
    expect(rows).toHaveLength(3);
    expect(bySha.get(sha('a'))!.id).toBe(existing.id);
    // A digest the existing row lacked fills the gap; the sizes are what was reported.
    expect(bySha.get(sha('a'))!.md5).toBe('f'.repeat(32));
    expect([...bySha.values()].map((r) => [r.sha256, Number(r.size)]).sort()).toEqual([
      [sha('a'), 1],
      [sha('b'), 2],
      [sha('c'), 3],
    ]);
    expect((await artifacts.get(bySha.get(sha('c'))!.id))?.sha256).toBe(sha('c'));
  });

  it('records nothing for an empty batch', async () => {
    // Act
    const rows = await stack.app.services.artifacts.ensureArtifacts([]);

    // Assess
    expect(rows).toEqual([]);
  });

  it('lets two overlapping batches record the same files at once', async () => {
    // Prepare
    const files = Array.from({ length: 200 }, (_, n) => ({ sha256: n.toString(16).padStart(64, 'd'), size: n }));

    // Act
    const [first, second] = await Promise.all([
      stack.app.services.artifacts.ensureArtifacts(files),
      stack.app.services.artifacts.ensureArtifacts([...files].reverse()),
    ]);

    // Assess
    const ids = (rows: { sha256: string; id: string }[]) => new Map(rows.map((r) => [r.sha256, r.id]));
    expect(ids(first)).toEqual(ids(second));
    expect(first).toHaveLength(200);
  });
});
