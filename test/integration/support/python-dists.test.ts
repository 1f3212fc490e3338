import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdist, buildWheel, writeDists, type DistSpec } from '../../support/python-dists';
import { ensurePythonClients, type PythonClients } from '../../support/python-clients';

const run = promisify(execFile);
const TIMEOUT_MS = 180_000;

// A dependency pair at both metadata versions: beta needs alpha.
const ALPHA: DistSpec = { name: 'Alpha.Pkg', version: '1.0', metadataVersion: '2.1', requiresPython: '>=3.8' };
const BETA: DistSpec = {
  name: 'beta-pkg',
  version: '2.0',
  metadataVersion: '2.4',
  requiresDist: ['alpha-pkg>=1.0', 'colorama; sys_platform == "win32"'],
  summary: 'Depends on alpha',
  description: '# beta\n\nSeveral\nlines\nof description.\n',
};

describe('the test distributions are real (pip, uv, zipfile, twine)', () => {
  let clients: PythonClients;
  let dir: string;
  let dists: string;

  beforeAll(async () => {
    clients = await ensurePythonClients();
    dir = await mkdtemp(join(tmpdir(), 'python-dists-'));
    dists = join(dir, 'dists');
    await writeDists(dists, [ALPHA, BETA]);
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function freshVenv(name: string): Promise<string> {
    const venv = join(dir, name);
    await run(clients.python, ['-m', 'venv', '--without-pip', venv], { timeout: TIMEOUT_MS });
    return join(venv, 'bin', 'python');
  }

  const importBoth = async (python: string): Promise<string> =>
    (await run(python, ['-c', 'import alpha_pkg, beta_pkg; print(alpha_pkg.__version__, beta_pkg.__version__)'])).stdout.trim();

  it('builds the same bytes from the same spec', () => {
    // Act / Assess
    expect(buildWheel(BETA).bytes.equals(buildWheel(BETA).bytes)).toBe(true);
    expect(buildSdist(BETA).bytes.equals(buildSdist(BETA).bytes)).toBe(true);
  });

  it('pip installs the wheels offline, resolving the dependency', async () => {
    // Prepare
    const python = await freshVenv('pip-wheels');
    // Act
    await run(clients.pip, ['--python', python, 'install', '--disable-pip-version-check', '--no-index', '--find-links', dists, 'beta-pkg'], {
      timeout: TIMEOUT_MS,
    });
    // Assess
    expect(await importBoth(python)).toBe('1.0 2.0');
  }, TIMEOUT_MS);

  it('pip builds and installs the sdists offline (in-tree backend)', async () => {
    // Prepare
    const python = await freshVenv('pip-sdists');
    // Act
    const { stdout } = await run(
      clients.pip,
      ['--python', python, 'install', '--disable-pip-version-check', '--no-index', '--find-links', dists, '--no-binary', ':all:', 'beta-pkg'],
      { timeout: TIMEOUT_MS },
    );
    // Assess
    expect(stdout).toMatch(/Successfully built/);
    expect(await importBoth(python)).toBe('1.0 2.0');
  }, TIMEOUT_MS);

  it('uv installs them too', async () => {
    // Prepare
    const python = await freshVenv('uv');
    // Act
    await run(clients.uv, ['pip', 'install', '--python', python, '--no-index', '--find-links', dists, 'beta-pkg'], {
      timeout: TIMEOUT_MS,
      env: { ...process.env, UV_CACHE_DIR: join(dir, 'uv-cache') },
    });
    // Assess
    expect(await importBoth(python)).toBe('1.0 2.0');
  }, TIMEOUT_MS);

  it('zipfile tests and lists the wheels', async () => {
    // Prepare
    const wheel = join(dists, buildWheel(BETA).filename);
    // Act
    const tested = await run(clients.python, ['-m', 'zipfile', '-t', wheel]);
    const listed = await run(clients.python, ['-m', 'zipfile', '-l', wheel]);
    // Assess
    expect(tested.stdout).toContain('Done testing');
    for (const member of ['beta_pkg/__init__.py', 'beta_pkg-2.0.dist-info/METADATA', 'beta_pkg-2.0.dist-info/WHEEL', 'beta_pkg-2.0.dist-info/RECORD']) {
      expect(listed.stdout).toContain(member);
    }
  });

  it('twine check --strict passes every file', async () => {
    // Prepare
    const files = (await readdir(dists)).map((name) => join(dists, name));
    // Act
    const { stdout } = await run(clients.twine, ['check', '--strict', ...files], { timeout: TIMEOUT_MS });
    // Assess
    expect(stdout.match(/PASSED/g)).toHaveLength(4);
  }, TIMEOUT_MS);
});
