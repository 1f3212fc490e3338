import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionConflict } from '../../../../layers/core/repositories/version-plan';
import { createRepository } from '../../../support/file-api';
import { startTestStack, type TestStack } from '../../../support/test-stack';

/**
 * A version and its task's record of it commit together: a worker killed between the two
 * statements used to leave a version no task named (and the task failed as gone missing).
 */
describe('a new version names its task in the same transaction', () => {
  let stack: TestStack;
  let repositoryId: string;
  let unitId: string;

  beforeAll(async () => {
    stack = await startTestStack('version-created-by', { runWorkers: false });
    const repo = await createRepository(stack, { name: 'created-by' });
    repositoryId = repo.prn.split(':')[2];
    const artifact = await stack.app.services.artifacts.ensureArtifact({ sha256: 'a'.repeat(64), size: 1 });
    const [unit] = await stack.app.data.content.ensure([{ pulpType: 'file.file', fields: { relative_path: 'a.txt', sha256: 'a'.repeat(64), size: 1 }, relativePath: 'a.txt', artifactId: artifact.id } as never]);
    unitId = unit!.id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const newTask = async () =>
    stack.app.taskStore.insert({ id: randomUUID(), name: 'test', args: {}, loggingCid: 'c', exclusiveResources: [], sharedResources: [], messageGroup: 'g' });
  const createdOf = async (id: string) => (await stack.app.taskStore.get(id))!.createdResources;
  const names = (v: { number: number }) => ({ href: `/v/${v.number}/`, prn: `prn:v:${v.number}` });

  it('records the version in the task as part of creating it', async () => {
    // Prepare
    const task = await newTask();
    // Act
    const version = await stack.app.services.versions.create(repositoryId, { add: [unitId], createdBy: { taskId: task.id, names } });
    // Assess
    expect(version).not.toBeNull();
    expect(await createdOf(task.id)).toEqual([`/v/${version!.number}/`]);
  });

  it('records nothing when the version is refused', async () => {
    // Prepare
    const task = await newTask();
    // Act
    const outcome = await stack.app.services.versions
      .create(repositoryId, { baseVersionId: randomUUID(), add: [unitId], createdBy: { taskId: task.id, names } })
      .catch((e: unknown) => e);
    // Assess
    expect(outcome).toBeInstanceOf(VersionConflict);
    expect(await createdOf(task.id)).toEqual([]);
  });
});
