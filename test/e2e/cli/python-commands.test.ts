import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulpCliFor, type PulpCli } from '../../support/pulp-cli';
import { buildSdist, buildWheel, type BuiltDist } from '../../support/python-dists';
import { PythonIndexServer } from '../../support/python-index-server';
import { startTestStack, type TestStack } from '../../support/test-stack';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('pulp-cli 0.41: pulp python repository / remote / distribution / content / publication', () => {
  let stack: TestStack;
  let cli: PulpCli;
  let upstream: PythonIndexServer;

  async function write(dist: BuiltDist): Promise<string> {
    const path = join(cli.dir, dist.filename);
    await writeFile(path, dist.bytes);
    return path;
  }

  beforeAll(async () => {
    stack = await startTestStack('e2e-cli-python', { workers: 2 });
    cli = await pulpCliFor(stack, { chunkSize: 1 << 20 });
    upstream = await new PythonIndexServer({ metadata: true }).start();
    upstream.addSpec({ name: 'cli-red', version: '1.0' });
    upstream.addSpec({ name: 'cli-red', version: '2.0a1' });
    upstream.addSpec({ name: 'cli-blue', version: '0.3' });
  });

  afterAll(async () => {
    await upstream?.stop();
    await cli?.close();
    await stack?.stop();
  });

  it('status reports the python component, so the python commands are enabled', async () => {
    // Act
    const status = await cli.json(['status']);
    const help = await cli.run(['python', '--help']);

    // Assess
    expect(status.versions).toContainEqual(expect.objectContaining({ component: 'python', version: '3.29.0' }));
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/repository/);
  });

  it('remote create (includes, prereleases), repository create with it, sync, versions, content list', async () => {
    // Prepare
    const remote = unique('remote');
    const repo = unique('repo');

    // Act
    const created = await cli.json(['python', 'remote', 'create', '--name', remote, '--url', upstream.url, '--includes', '["cli-red"]', '--prereleases', 'false', '--keep-latest-packages', '1']);
    await cli.json(['python', 'repository', 'create', '--name', repo, '--remote', remote, '--block-package-substitution']);
    const synced = await cli.run(['python', 'repository', 'sync', '--name', repo]);
    const versions = await cli.json(['python', 'repository', 'version', 'list', '--repository', repo]);
    const content = await cli.json(['python', 'repository', 'content', 'list', '--repository', repo]);
    const shown = await cli.json(['python', 'repository', 'show', '--name', repo]);
    const listed = await cli.json(['python', 'content', 'list', '--name', 'CLI_Red', '--packagetype', 'sdist']);

    // Assess
    expect(created).toMatchObject({ includes: ['cli-red'], prereleases: false, keep_latest_packages: 1, policy: 'on_demand' });
    expect(synced.code, synced.stderr).toBe(0);
    expect(versions.map((v: any) => v.number)).toEqual([1, 0]);
    expect(content.map((c: any) => c.filename).sort()).toEqual(['cli_red-1.0-py3-none-any.whl', 'cli_red-1.0.tar.gz']);
    expect(shown).toMatchObject({ allow_package_substitution: false });
    expect(listed.map((c: any) => c.filename)).toEqual(['cli_red-1.0.tar.gz']);
  });

  it('content upload (whole and chunked) and create, into a repository; repository content add / remove by sha256', async () => {
    // Prepare
    const repo = unique('uploads');
    await cli.json(['python', 'repository', 'create', '--name', repo]);
    const small = buildWheel({ name: 'cli-up', version: '1.0' });
    // Larger than the CLI's chunk size: it goes through the upload API, then `upload=<href>`.
    const large = buildSdist({ name: 'cli-up', version: '1.1', description: randomBytes(1 << 20).toString('base64') });
    const other = buildWheel({ name: 'cli-other', version: '0.1' });

    // Act
    const up = await cli.json(['python', 'content', 'upload', '--relative-path', small.filename, '--file', await write(small), '--repository', repo]);
    const chunked = await cli.json(['python', 'content', 'upload', '--relative-path', large.filename, '--file', await write(large), '--chunk-size', '256KB']);
    const created = await cli.json(['python', 'content', 'create', '--relative-path', other.filename, '--file', await write(other)]);
    const added = await cli.run(['python', 'repository', 'content', 'add', '--repository', repo, '--sha256', sha256(large.bytes)]);
    const removed = await cli.run(['python', 'repository', 'content', 'remove', '--repository', repo, '--sha256', sha256(small.bytes)]);
    const content = await cli.json(['python', 'repository', 'content', 'list', '--repository', repo]);
    const shown = await cli.json(['python', 'content', 'show', '--href', created.pulp_href]);

    // Assess
    expect(up).toMatchObject({ filename: small.filename, sha256: sha256(small.bytes), name: 'cli-up', version: '1.0' });
    expect(large.bytes.length).toBeGreaterThan(4 * 256 * 1024);
    expect(chunked).toMatchObject({ filename: large.filename, size: large.bytes.length, packagetype: 'sdist' });
    expect(added.code, added.stderr).toBe(0);
    expect(removed.code, removed.stderr).toBe(0);
    expect(content.map((c: any) => c.filename)).toEqual([large.filename]);
    expect(shown).toMatchObject({ filename: other.filename, metadata_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('distribution create / show / update (remote, block uploads) / destroy; the index answers at base_url', async () => {
    // Prepare
    const repo = unique('dist-repo');
    const remote = unique('dist-remote');
    const name = unique('dist');
    await cli.json(['python', 'repository', 'create', '--name', repo]);
    await cli.json(['python', 'remote', 'create', '--name', remote, '--url', upstream.url]);

    // Act
    const created = await cli.json(['python', 'distribution', 'create', '--name', name, '--base-path', `cli/${name}`, '--repository', repo]);
    const updated = await cli.run(['python', 'distribution', 'update', '--name', name, '--remote', remote, '--block-uploads']);
    const shown = await cli.json(['python', 'distribution', 'show', '--name', name]);
    const page = await fetch(`${shown.base_url}simple/cli-blue/`);
    const destroyed = await cli.run(['python', 'distribution', 'destroy', '--name', name]);

    // Assess
    expect(created.base_url).toBe(`${stack.url}/pypi/cli/${name}/`);
    expect(updated.code, updated.stderr).toBe(0);
    expect(shown).toMatchObject({ allow_uploads: false, remote: expect.stringMatching(/^\/pulp\/api\/v3\/remotes\/python\/python\//) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('cli_blue-0.3-py3-none-any.whl');
    expect(destroyed.code, destroyed.stderr).toBe(0);
  });

  it('publication create / list, repair-metadata, labels, remote and repository update and destroy', async () => {
    // Prepare
    const repo = unique('pub-repo');
    const remote = unique('pub-remote');
    await cli.json(['python', 'remote', 'create', '--name', remote, '--url', upstream.url, '--includes', '["cli-blue"]', '--policy', 'immediate']);
    await cli.json(['python', 'repository', 'create', '--name', repo, '--remote', remote]);
    await cli.run(['python', 'repository', 'sync', '--name', repo]);

    // Act
    const publication = await cli.json(['python', 'publication', 'create', '--repository', repo]);
    const publications = await cli.json(['python', 'publication', 'list']);
    const repaired = await cli.run(['python', 'repository', 'repair-metadata', '--name', repo]);
    const labelled = await cli.run(['python', 'repository', 'label', 'set', '--repository', repo, '--key', 'team', '--value', 'py']);
    const remoteUpdated = await cli.run(['python', 'remote', 'update', '--name', remote, '--excludes', '["cli-blue==0.1"]']);
    const repoUpdated = await cli.run(['python', 'repository', 'update', '--name', repo, '--description', 'python repo']);
    const shown = await cli.json(['python', 'repository', 'show', '--name', repo]);
    const remoteShown = await cli.json(['python', 'remote', 'show', '--name', remote]);
    const destroyed = [await cli.run(['python', 'repository', 'destroy', '--name', repo]), await cli.run(['python', 'remote', 'destroy', '--name', remote])];

    // Assess
    expect(publication.pulp_href).toMatch(/^\/pulp\/api\/v3\/publications\/python\/pypi\//);
    expect(publications.map((p: any) => p.pulp_href)).toContain(publication.pulp_href);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(labelled.code, labelled.stderr).toBe(0);
    expect(remoteUpdated.code, remoteUpdated.stderr).toBe(0);
    expect(repoUpdated.code, repoUpdated.stderr).toBe(0);
    expect(shown).toMatchObject({ description: 'python repo', pulp_labels: { team: 'py' } });
    expect(remoteShown.excludes).toEqual(['cli-blue==0.1']);
    for (const d of destroyed) expect(d.code, d.stderr).toBe(0);
  });

  it('an invalid include is refused with pulp_python\'s message', async () => {
    // Act
    const failed = await cli.fails(['python', 'remote', 'create', '--name', unique('bad'), '--url', upstream.url, '--includes', '["cli-red>>1"]']);

    // Assess
    expect(`${failed.stdout}${failed.stderr}`).toContain('includes specifier cli-red>>1 is invalid');
  });
});
