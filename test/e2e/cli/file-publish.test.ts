import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlSha256 } from '../../support/curl';
import { pulpCliFor, type PulpCli } from '../../support/pulp-cli';
import { randomFile, sha256 } from '../../support/random-file';
import { startTestStack, type TestStack } from '../../support/test-stack';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const MB = 1024 * 1024;


describe('pulp-cli uploads, publications, distributions, orphan cleanup; served files via curl', () => {
  let stack: TestStack;
  let cli: PulpCli;
  let chunked: PulpCli;

  beforeAll(async () => {
    stack = await startTestStack('e2e-cli-file-publish', { workers: 2 });
    cli = await pulpCliFor(stack);
    // A second client whose cli.toml sets chunk_size, so uploads above 1 MB go in chunks.
    chunked = await pulpCliFor(stack, { chunkSize: MB });
  });

  afterAll(async () => {
    await cli?.close();
    await chunked?.close();
    await stack?.stop();
  });

  it('pulp artifact upload (whole and --chunk-size 1MB), artifact list --sha256, file content create --sha256', async () => {
    // Prepare
    const small = await randomFile(cli.dir, 'small.bin', 10_000);
    const large = await randomFile(cli.dir, 'large.bin', 2 * MB + 12_345);

    // Act
    const a = await cli.json(['artifact', 'upload', '--file', small.path]);
    const again = await cli.run(['artifact', 'upload', '--file', small.path]);
    const b = await cli.json(['artifact', 'upload', '--file', large.path, '--chunk-size', '1MB']);
    const listed = await cli.json(['artifact', 'list', '--sha256', large.sha256]);

    // content create from an existing artifact: no file part, so glue sends the form encoding
    const unit = await cli.json(['file', 'content', 'create', '--sha256', small.sha256, '--relative-path', 'from/artifact.bin']);

    // Assess
    expect(unit).toMatchObject({ relative_path: 'from/artifact.bin', sha256: small.sha256, artifact: a.pulp_href });
    expect(a).toMatchObject({ sha256: small.sha256, size: small.size });
    expect(again.code, again.stderr).toBe(0);
    expect(b).toMatchObject({ sha256: large.sha256, size: large.size });
    expect(listed.map((x: any) => x.pulp_href)).toEqual([b.pulp_href]);
  });

  it('pulp file content create --file-url downloads the file into a repository', async () => {
    // Prepare: a loopback server with one file
    const data = randomBytes(50_000);
    const server = createServer((_req, res) => res.writeHead(200, { 'content-length': data.length }).end(data));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/remote.bin`;
    const repo = unique('from-url');
    await cli.json(['file', 'repository', 'create', '--name', repo]);

    try {
      // Act
      const unit = await cli.json(['file', 'content', 'create', '--relative-path', 'from/url.bin', '--file-url', url, '--repository', repo]);
      const inRepo = await cli.json(['file', 'repository', 'content', 'list', '--repository', repo]);

      // Assess
      expect(unit).toMatchObject({ relative_path: 'from/url.bin', sha256: sha256(data) });
      expect(inRepo.map((c: any) => c.pulp_href)).toEqual([unit.pulp_href]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('pulp file content upload (small, and chunked by the config chunk_size) into a repository', async () => {
    // Prepare
    const repo = unique('upload');
    await cli.json(['file', 'repository', 'create', '--name', repo]);
    const small = await randomFile(cli.dir, 'one.txt', 1500);
    const large = await randomFile(cli.dir, 'big.iso', 3 * MB + 7);

    // Act
    const u1 = await cli.json(['file', 'content', 'upload', '--file', small.path, '--relative-path', 'one.txt', '--repository', repo]);
    const u2 = await chunked.json(['file', 'content', 'upload', '--file', large.path, '--relative-path', 'iso/big.iso', '--repository', repo]);
    const listed = await cli.json(['file', 'content', 'list', '--relative-path', 'iso/big.iso']);
    const inRepo = await cli.json(['file', 'repository', 'content', 'list', '--repository', repo]);
    const versions = await cli.json(['file', 'repository', 'version', 'list', '--repository', repo]);

    // Assess
    expect(u1).toMatchObject({ relative_path: 'one.txt', sha256: small.sha256 });
    expect(u2).toMatchObject({ relative_path: 'iso/big.iso', sha256: large.sha256 });
    expect(listed.map((c: any) => c.sha256)).toEqual([large.sha256]);
    expect(inRepo.map((c: any) => c.relative_path).sort()).toEqual(['iso/big.iso', 'one.txt']);
    expect(versions.map((v: any) => v.number)).toEqual([2, 1, 0]);
  });

  it('publication create / list, distribution create / update / list / destroy, publication destroy', async () => {
    // Prepare
    const repo = unique('publish');
    await cli.json(['file', 'repository', 'create', '--name', repo]);
    const f = await randomFile(cli.dir, 'p1.bin', 4096);
    await cli.json(['file', 'content', 'upload', '--file', f.path, '--relative-path', 'sub/p1.bin', '--repository', repo]);
    const basePath = unique('base');
    const name = unique('dist');

    // Act
    const publication = await cli.json(['file', 'publication', 'create', '--repository', repo]);
    const publications = await cli.json(['file', 'publication', 'list', '--repository', repo]);
    const distribution = await cli.json(['file', 'distribution', 'create', '--name', name, '--base-path', basePath, '--publication', publication.pulp_href]);
    const byBasePath = await cli.json(['file', 'distribution', 'list', '--base-path', basePath]);
    const byContains = await cli.json(['file', 'distribution', 'list', '--base-path-contains', basePath.slice(5).toUpperCase()]);
    const moved = await cli.run(['file', 'distribution', 'update', '--name', name, '--base-path', `${basePath}-moved`]);
    const afterMove = await cli.json(['file', 'distribution', 'show', '--name', name]);
    const byRepository = await cli.run(['file', 'distribution', 'update', '--name', name, '--publication', '', '--repository', repo]);
    const afterSwitch = await cli.json(['file', 'distribution', 'show', '--name', name]);
    const distDestroyed = await cli.run(['file', 'distribution', 'destroy', '--name', name]);
    const pubDestroyed = await cli.run(['file', 'publication', 'destroy', '--href', publication.pulp_href]);
    const publicationsAfter = await cli.json(['file', 'publication', 'list', '--repository', repo]);

    // Assess
    expect(publication.repository_version).toMatch(/versions\/1\/$/);
    expect(publications.map((p: any) => p.pulp_href)).toEqual([publication.pulp_href]);
    expect(distribution).toMatchObject({ name, base_path: basePath, publication: publication.pulp_href });
    expect(distribution.base_url).toMatch(new RegExp(`/pulp/content/${basePath}/$`));
    expect(byBasePath.map((d: any) => d.name)).toEqual([name]);
    expect(byContains.map((d: any) => d.name)).toEqual([name]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(afterMove.base_path).toBe(`${basePath}-moved`);
    expect(byRepository.code, byRepository.stderr).toBe(0);
    expect(afterSwitch).toMatchObject({ publication: null, repository: expect.stringMatching(/^\/pulp\/api\/v3\/repositories\/file\/file\//) });
    expect(distDestroyed.code, distDestroyed.stderr).toBe(0);
    expect(pubDestroyed.code, pubDestroyed.stderr).toBe(0);
    expect(publicationsAfter).toEqual([]);
  });

  it('files of a published, distributed repository are served: curl -fsSL matches their sha256', async () => {
    // Prepare
    const repo = unique('served');
    await cli.json(['file', 'repository', 'create', '--name', repo]);
    const files = [await randomFile(cli.dir, 's1.bin', 4096), await randomFile(cli.dir, 's2.bin', 70_000)];
    for (const [i, f] of files.entries()) {
      await cli.json(['file', 'content', 'upload', '--file', f.path, '--relative-path', `sub/s${i + 1}.bin`, '--repository', repo]);
    }
    const publication = await cli.json(['file', 'publication', 'create', '--repository', repo]);
    const basePath = unique('served');
    const distribution = await cli.json(['file', 'distribution', 'create', '--name', unique('dist'), '--base-path', basePath, '--publication', publication.pulp_href]);

    // Act
    const served = await Promise.all(files.map((_, i) => curlSha256(`${distribution.base_url}sub/s${i + 1}.bin`)));

    // Assess
    expect(served).toEqual(files.map((f) => f.sha256));
  });

  it('pulp orphan cleanup --protection-time 0 removes content no repository holds', async () => {
    // Prepare: a unit uploaded into a repository that is then destroyed
    const repo = unique('orphans');
    await cli.json(['file', 'repository', 'create', '--name', repo]);
    const f = await randomFile(cli.dir, 'orphan.bin', 3000);
    await cli.json(['file', 'content', 'upload', '--file', f.path, '--relative-path', 'orphan.bin', '--repository', repo]);
    await cli.run(['file', 'repository', 'destroy', '--name', repo]);
    const before = await cli.json(['file', 'content', 'list', '--sha256', f.sha256]);

    // Act
    const r = await cli.run(['orphan', 'cleanup', '--protection-time', '0']);

    // Assess
    expect(r.code, r.stderr).toBe(0);
    expect(before).toHaveLength(1);
    expect(await cli.json(['file', 'content', 'list', '--sha256', f.sha256])).toEqual([]);
  });
});
