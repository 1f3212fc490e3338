import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PULPCORE_VERSION = '3.123.1';

/** Its virtualenv (untracked), beside the benchmark: bench/.peer/venv. */
export const PEER_VENV = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '.peer', 'venv');

async function installedVersion(venv: string): Promise<string | undefined> {
  const python = path.join(venv, 'bin', 'python');
  if (!existsSync(python)) return undefined;
  const probe = 'import importlib.metadata as m; print(m.version("pulpcore"))';
  return run(python, ['-c', probe]).then(
    ({ stdout }) => stdout.trim(),
    () => undefined,
  );
}

/**
 * Makes sure the virtualenv holds pulpcore at the compared version (the file plugin ships
 * inside the pulpcore wheel), creating it and installing from PyPI when not.
 */
export async function ensurePulpcore(log: (msg: string) => void, venv = PEER_VENV): Promise<string> {
  if ((await installedVersion(venv)) === PULPCORE_VERSION) return venv;
  if (!existsSync(path.join(venv, 'bin', 'python'))) {
    log(`creating a virtualenv in ${venv}`);
    await run('python3', ['-m', 'venv', venv]);
  }
  log(`pip install pulpcore==${PULPCORE_VERSION} (a few minutes the first time)`);
  await run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', `pulpcore==${PULPCORE_VERSION}`], { maxBuffer: 64 * 2 ** 20 });
  const version = await installedVersion(venv);
  if (version !== PULPCORE_VERSION) throw new Error(`pulpcore ${PULPCORE_VERSION} did not install (found ${version ?? 'none'})`);
  return venv;
}
