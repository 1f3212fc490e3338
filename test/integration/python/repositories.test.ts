import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdist, buildWheel, type DistSpec } from '../../support/python-dists';
import { PythonIndexServer } from '../../support/python-index-server';
import { expectTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import {
  addContent,
  createdHref,
  createDistribution,
  createPackage,
  createRemote,
  createRepository,
  filenames,
  get,
  PACKAGES,
  postForm,
  PUBLICATIONS,
  sync,
  type Json,
} from './support/python-api';

const SPEC: DistSpec = { name: 'repo-pkg', version: '1.0', summary: 'The real summary', requiresDist: ['six'] };

describe('python repositories: substitution, repair_metadata, publications, content create', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('python-repositories');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows allow_package_substitution (default true) and autopublish', async () => {
    // Act
    const repo = await createRepository(stack, 'fields');

    // Assess
    expect(repo).toMatchObject({ allow_package_substitution: true, autopublish: false, latest_version_href: `${repo.pulp_href}versions/0/` });
    expect(repo.pulp_href).toMatch(/^\/pulp\/api\/v3\/repositories\/python\/python\/[0-9a-f-]+\/$/);
  });

  it('replaces a file of the same name, unless substitution is blocked', async () => {
    // Prepare: two different files under one filename
    const one = buildWheel({ name: 'same-name', version: '1.0', summary: 'first' });
    const two = { filename: one.filename, bytes: buildWheel({ name: 'same-name', version: '1.0', summary: 'second' }).bytes };
    const a = await createPackage(stack, one);
    const b = await createPackage(stack, two);
    const open = await createRepository(stack, 'open');
    const strict = await createRepository(stack, 'strict', { allow_package_substitution: false });
    await addContent(stack, open.pulp_href, [a.pulp_href]);
    await addContent(stack, strict.pulp_href, [a.pulp_href]);

    // Act
    await addContent(stack, open.pulp_href, [b.pulp_href]);
    const refused = await expectTask(await stack.api(`${strict.pulp_href}modify/`, { method: 'POST', body: { add_content_units: [b.pulp_href] } }), stack, 'failed');

    // Assess
    const latest = (await get(stack, open.pulp_href)).latest_version_href;
    const present = (await get(stack, `${PACKAGES}?repository_version=${encodeURIComponent(latest)}`)).results as Json[];
    expect(present.map((p) => p.pulp_href)).toEqual([b.pulp_href]);
    expect(refused.error.description).toContain('same filename but different checksums');
  });

  it('repair_metadata reads synced packages\' metadata from their files', async () => {
    // Prepare: an immediate sync from an index without .metadata leaves only what the index says
    const upstream = await new PythonIndexServer().start();
    upstream.addSpec(SPEC, { kinds: ['wheel'] });
    try {
      const repo = await createRepository(stack, 'repair');
      const remote = await createRemote(stack, { name: 'repair', url: upstream.url, policy: 'immediate' });
      await sync(stack, repo.pulp_href, { remote: remote.pulp_href });
      const before = ((await get(stack, `${PACKAGES}?name=repo-pkg`)).results as Json[])[0]!;

      // Act
      const task = await expectTask(await stack.api(`${repo.pulp_href}repair_metadata/`, { method: 'POST' }), stack);

      // Assess
      const after = await get(stack, before.pulp_href);
      expect(before).toMatchObject({ summary: '', requires_dist: '[]', metadata_sha256: null });
      expect(after).toMatchObject({ summary: 'The real summary', requires_dist: '["six"]', metadata_version: '2.1' });
      expect(after.metadata_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(task.result).toEqual({ repaired: 1, unchanged: 0, skipped_without_file: 0 });
      expect(task.name).toBe('pulp_python.app.tasks.repair.repair');
      // Nothing new in the repository: repairs are in place.
      expect((await get(stack, repo.pulp_href)).latest_version_href).toBe(`${repo.pulp_href}versions/1/`);
    } finally {
      await upstream.stop();
    }
  });

  it('publishes a static simple/ tree that a distribution of the publication serves', async () => {
    // Prepare
    const repo = await createRepository(stack, 'published');
    const wheel = buildWheel({ name: 'pub-pkg', version: '1.0' });
    await addContent(stack, repo.pulp_href, [(await createPackage(stack, wheel)).pulp_href]);
    const task = await expectTask(await stack.api(PUBLICATIONS, { method: 'POST', body: { repository: repo.pulp_href } }), stack);
    const publication = createdHref(task, PUBLICATIONS);
    await createDistribution(stack, { name: 'published', base_path: 'published', publication });

    // Act
    const index = await fetch(`${stack.url}/pulp/content/published/simple/`);
    const project = await fetch(`${stack.url}/pulp/content/published/simple/pub-pkg/`);
    const file = await fetch(new URL(`../../${wheel.filename}`, `${stack.url}/pulp/content/published/simple/pub-pkg/`));

    // Assess
    expect(await index.text()).toContain('<a href="pub-pkg/">pub-pkg</a>');
    expect(await project.text()).toContain(`href="../../${wheel.filename}#sha256=`);
    expect(file.status).toBe(200);
  });

  it('content create reuses the unit of the same file and fails on a wrong sha256', async () => {
    // Prepare
    const sdist = buildSdist({ name: 'created-pkg', version: '1.0' });
    const first = await createPackage(stack, sdist);

    // Act
    const again = await createPackage(stack, sdist);
    const wrong = await expectTask(await postForm(stack, PACKAGES, { relative_path: sdist.filename, sha256: '2'.repeat(64) }, { file: { name: sdist.filename, data: sdist.bytes } }), stack, 'failed');
    const badName = await postForm(stack, PACKAGES, { relative_path: 'created.exe.txt' }, { file: { name: 'x', data: sdist.bytes } });

    // Assess
    expect(again.pulp_href).toBe(first.pulp_href);
    expect(first).toMatchObject({ packagetype: 'sdist', python_version: 'source', metadata_sha256: null, name: 'created-pkg' });
    expect(wrong.error.description).toContain('sha256');
    expect(badName.status).toBe(400);
  });

  it('adds a created package to the repository given with it', async () => {
    // Prepare
    const repo = await createRepository(stack, 'with-create');
    const wheel = buildWheel({ name: 'created-into', version: '1.0' });

    // Act
    await createPackage(stack, wheel, { repository: repo.pulp_href });

    // Assess
    expect(await filenames(stack, repo.pulp_href)).toEqual([wheel.filename]);
  });
});
