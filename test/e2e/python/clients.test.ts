import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePythonClients, type PythonClients } from '../../support/python-clients';
import { buildWheel, writeDists, type DistSpec } from '../../support/python-dists';
import { PythonIndexServer } from '../../support/python-index-server';
import { ADMIN_PASSWORD, startTestStack, type TestStack } from '../../support/test-stack';
import { addContent, createDistribution, createRemote, createRepository, filenames, PACKAGES, postForm, sync, type Json } from '../../integration/python/support/python-api';

const run = promisify(execFile);
const TIMEOUT_MS = 240_000;
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

// beta needs alpha; alpha has a pre-release and a yanked release above the one pip must pick.
const ALPHA: DistSpec = { name: 'Alpha.Pkg', version: '1.0', metadataVersion: '2.1', requiresPython: '>=3.8' };
const ALPHA_PRE: DistSpec = { name: 'Alpha.Pkg', version: '2.0b1', metadataVersion: '2.1' };
const ALPHA_YANKED: DistSpec = { name: 'Alpha.Pkg', version: '1.5', metadataVersion: '2.1' };
const BETA: DistSpec = { name: 'beta-pkg', version: '2.0', metadataVersion: '2.4', requiresDist: ['alpha-pkg>=1.0', 'colorama; sys_platform == "win32"'] };
const GAMMA: DistSpec = { name: 'gamma-lib', version: '3.1', requiresDist: ['delta-lib'] };
const DELTA: DistSpec = { name: 'delta-lib', version: '0.4' };

interface Result {
  code: number;
  out: string;
}

describe('pip, uv and twine against /pypi/<base_path>/', () => {
  let stack: TestStack;
  let clients: PythonClients;
  let dir: string;
  let dists: string;
  let upstream: PythonIndexServer;
  let env: NodeJS.ProcessEnv;
  const index = (basePath: string) => `${stack.url}/pypi/${basePath}/`;

  async function cmd(file: string, args: string[]): Promise<Result> {
    try {
      const { stdout, stderr } = await run(file, args, { env, timeout: TIMEOUT_MS, maxBuffer: 32 << 20 });
      return { code: 0, out: `${stdout}\n${stderr}` };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof e.code !== 'number') throw error;
      return { code: e.code, out: `${e.stdout ?? ''}\n${e.stderr ?? ''}` };
    }
  }

  let venvs = 0;
  async function freshVenv(): Promise<string> {
    const venv = join(dir, `venv-${venvs++}`);
    await run(clients.python, ['-m', 'venv', '--without-pip', venv], { timeout: TIMEOUT_MS });
    return join(venv, 'bin', 'python');
  }

  const installed = async (python: string): Promise<Record<string, string>> => {
    const { stdout } = await run(python, ['-c', 'import importlib.metadata as m, json; print(json.dumps({d.metadata["Name"]: d.version for d in m.distributions()}))']);
    return JSON.parse(stdout) as Record<string, string>;
  };

  const pip = (python: string, args: string[]) => cmd(clients.pip, ['--python', python, 'install', '--disable-pip-version-check', '--no-cache-dir', '-v', ...args]);
  const uv = (python: string, args: string[]) => cmd(clients.uv, ['pip', 'install', '--python', python, '--no-cache', '-v', ...args]);
  const twine = (args: string[]) => cmd(clients.twine, ['upload', '--non-interactive', '--disable-progress-bar', '-u', 'admin', '-p', ADMIN_PASSWORD, ...args]);

  beforeAll(async () => {
    clients = await ensurePythonClients();
    stack = await startTestStack('e2e-python-clients');
    dir = await mkdtemp(join(tmpdir(), 'e2e-python-'));
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      LANG: 'C.UTF-8',
      PIP_CONFIG_FILE: '/dev/null',
      UV_NO_CONFIG: '1',
      UV_CACHE_DIR: join(dir, 'uv-cache'),
      PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
    };
    dists = join(dir, 'dists');
    await writeDists(dists, [ALPHA, BETA]);
    await writeDists(dists, [ALPHA_PRE], ['wheel']);
    const main = await createRepository(stack, 'main');
    await createDistribution(stack, { name: 'main', base_path: 'e2e/main', repository: main.pulp_href });
    upstream = await new PythonIndexServer({ metadata: true }).start();
    upstream.addSpec(GAMMA);
    upstream.addSpec(DELTA);
  });

  afterAll(async () => {
    await upstream?.stop();
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('twine uploads the distributions; again, it fails with "already exists" unless --skip-existing', async () => {
    // Prepare
    const files = ['alpha_pkg-1.0-py3-none-any.whl', 'alpha_pkg-1.0.tar.gz', 'alpha_pkg-2.0b1-py3-none-any.whl', 'beta_pkg-2.0-py3-none-any.whl', 'beta_pkg-2.0.tar.gz'];
    const paths = files.map((f) => join(dists, f));

    // Act
    const first = await twine(['--repository-url', `${index('e2e/main')}legacy/`, ...paths]);
    const again = await twine(['--repository-url', `${index('e2e/main')}legacy/`, '--verbose', paths[0]!]);
    const skipping = await twine(['--repository-url', `${index('e2e/main')}legacy/`, '--skip-existing', ...paths]);

    // Assess
    expect(first.code, first.out).toBe(0);
    expect(again.code).not.toBe(0);
    expect(again.out).toContain('400 Bad Request');
    expect(again.out).toContain('already exists');
    expect(skipping.code, skipping.out).toBe(0);
    expect(skipping.out).toContain('Skipping');
    const repo = ((await (await stack.api('/pulp/api/v3/repositories/python/python/?name=main')).json()) as Json).results[0];
    expect(await filenames(stack, repo.pulp_href)).toEqual([...files].sort());
  });

  it('a yanked release joins the index beside them', async () => {
    // Prepare
    const yanked = buildWheel(ALPHA_YANKED);
    const repo = ((await (await stack.api('/pulp/api/v3/repositories/python/python/?name=main')).json()) as Json).results[0];

    // Act
    const res = await postForm(stack, `${PACKAGES}upload/`, { yanked: 'true', yanked_reason: 'broken build' }, { file: { name: yanked.filename, data: yanked.bytes } });
    await addContent(stack, repo.pulp_href, [((await res.json()) as Json).pulp_href]);

    // Assess
    const page = await (await fetch(`${index('e2e/main')}simple/alpha-pkg/`)).text();
    expect(page).toContain('data-yanked="broken build"');
  });

  it('pip installs beta with alpha resolved from .metadata, hashes required and verified, skipping yanked and pre-releases', async () => {
    // Prepare
    const python = await freshVenv();
    const requirements = join(dir, 'requirements.txt');
    const hashOf = async (name: string) => sha256(await readFile(join(dists, name)));
    await writeFile(
      requirements,
      [
        `beta-pkg==2.0 --hash=sha256:${await hashOf('beta_pkg-2.0-py3-none-any.whl')} --hash=sha256:${await hashOf('beta_pkg-2.0.tar.gz')}`,
        `alpha-pkg==1.0 --hash=sha256:${await hashOf('alpha_pkg-1.0-py3-none-any.whl')} --hash=sha256:${await hashOf('alpha_pkg-1.0.tar.gz')}`,
        '',
      ].join('\n'),
    );
    const loose = await freshVenv();

    // Act
    const pinned = await pip(python, ['--index-url', `${index('e2e/main')}simple/`, '--require-hashes', '-r', requirements]);
    const resolved = await pip(loose, ['--index-url', `${index('e2e/main')}simple/`, 'beta-pkg']);

    // Assess
    expect(pinned.code, pinned.out).toBe(0);
    expect(await installed(python)).toMatchObject({ 'beta-pkg': '2.0', 'Alpha.Pkg': '1.0' });
    expect(resolved.code, resolved.out).toBe(0);
    expect(await installed(loose)).toMatchObject({ 'beta-pkg': '2.0', 'Alpha.Pkg': '1.0' });
    expect(resolved.out).toMatch(/Obtaining dependency information for alpha-pkg.* from .*alpha_pkg-1\.0-py3-none-any\.whl\.metadata/);
  });

  it('pip installs a pre-release when asked, and a yanked release only when pinned', async () => {
    // Prepare
    const pre = await freshVenv();
    const pinned = await freshVenv();

    // Act
    const withPre = await pip(pre, ['--index-url', `${index('e2e/main')}simple/`, '--pre', 'alpha-pkg']);
    const withPin = await pip(pinned, ['--index-url', `${index('e2e/main')}simple/`, 'alpha-pkg==1.5']);

    // Assess
    expect(withPre.code, withPre.out).toBe(0);
    expect((await installed(pre))['Alpha.Pkg']).toBe('2.0b1');
    expect(withPin.code, withPin.out).toBe(0);
    expect(withPin.out).toContain('broken build');
  });

  it('uv pip installs beta with alpha resolved from .metadata and hashes required', async () => {
    // Prepare
    const python = await freshVenv();
    const loose = await freshVenv();

    // Act
    const pinned = await uv(python, ['--index-url', `${index('e2e/main')}simple/`, '--require-hashes', '-r', join(dir, 'requirements.txt')]);
    const resolved = await uv(loose, ['--index-url', `${index('e2e/main')}simple/`, 'beta-pkg']);

    // Assess
    expect(pinned.code, pinned.out).toBe(0);
    expect(await installed(python)).toMatchObject({ 'beta-pkg': '2.0', 'Alpha.Pkg': '1.0' });
    expect(resolved.code, resolved.out).toBe(0);
    expect(await installed(loose)).toMatchObject({ 'beta-pkg': '2.0', 'Alpha.Pkg': '1.0' });
    expect(resolved.out).toMatch(/GET request for: \S+\/alpha_pkg-1\.0-py3-none-any\.whl\.metadata/);
  });

  it('a second repository synced from the first distribution installs the same', async () => {
    // Prepare
    const mirror = await createRepository(stack, 'mirror');
    const remote = await createRemote(stack, { name: 'from-main', url: index('e2e/main'), prereleases: true });
    await sync(stack, mirror.pulp_href, { remote: remote.pulp_href });
    await createDistribution(stack, { name: 'mirror', base_path: 'e2e/mirror', repository: mirror.pulp_href });
    const python = await freshVenv();

    // Act
    const result = await pip(python, ['--index-url', `${index('e2e/mirror')}simple/`, 'beta-pkg']);

    // Assess
    expect(result.code, result.out).toBe(0);
    expect(await installed(python)).toMatchObject({ 'beta-pkg': '2.0', 'Alpha.Pkg': '1.0' });
    expect(await filenames(stack, mirror.pulp_href)).toEqual(await filenames(stack, (await createdMain()).pulp_href));
  });

  async function createdMain(): Promise<Json> {
    return ((await (await stack.api('/pulp/api/v3/repositories/python/python/?name=main')).json()) as Json).results[0];
  }

  it('pull-through from a static index: pip and uv install, each upstream file fetched once', async () => {
    // Prepare
    const cache = await createRepository(stack, 'pt-cache');
    const remote = await createRemote(stack, { name: 'static', url: upstream.url });
    await createDistribution(stack, { name: 'pt', base_path: 'e2e/pt', repository: cache.pulp_href, remote: remote.pulp_href });
    const first = await freshVenv();
    const second = await freshVenv();

    // Act
    const viaPip = await pip(first, ['--index-url', `${index('e2e/pt')}simple/`, 'gamma-lib']);
    const viaUv = await uv(second, ['--index-url', `${index('e2e/pt')}simple/`, 'gamma-lib']);

    // Assess
    expect(viaPip.code, viaPip.out).toBe(0);
    expect(viaUv.code, viaUv.out).toBe(0);
    for (const python of [first, second]) expect(await installed(python)).toMatchObject({ 'gamma-lib': '3.1', 'delta-lib': '0.4' });
    const fetched = [...upstream.hits].filter(([p]) => p.startsWith('/packages/') && !p.endsWith('.metadata'));
    expect(fetched.length).toBeGreaterThan(0);
    for (const [path, count] of fetched) expect(count, path).toBe(1);
  });
});
