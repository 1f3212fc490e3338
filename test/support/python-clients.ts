// The real Python packaging clients (pip, twine, uv) for tests, from the virtualenv that
// scripts/install-python-clients.sh fills (CI calls the same script).

import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const ROOT = resolve(import.meta.dirname, '..', '..');
export const PYTHON_CLIENTS_VENV = process.env.PYTHON_CLIENTS_VENV ?? join(ROOT, '.venv', 'pyclients');
const INSTALL_TIMEOUT_MS = 300_000;

export interface PythonClients {
  python: string;
  pip: string;
  twine: string;
  uv: string;
}

let installing: Promise<PythonClients> | undefined;

/** Installs the clients once per process (the script is idempotent); returns their paths. */
export function ensurePythonClients(): Promise<PythonClients> {
  installing ??= (async () => {
    await run('bash', [join(ROOT, 'scripts', 'install-python-clients.sh')], {
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, PYTHON_CLIENTS_VENV },
    });
    const bin = (name: string) => join(PYTHON_CLIENTS_VENV, 'bin', name);
    return { python: bin('python'), pip: bin('pip'), twine: bin('twine'), uv: bin('uv') };
  })();
  return installing;
}
