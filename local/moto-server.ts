import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface MotoOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Where to create a virtualenv with moto when the system python3 lacks it. */
  venvDir: string;
  log?: (msg: string) => void;
}

export interface MotoServer {
  pid: number;
  /** http://127.0.0.1:PORT, for SDK clients with forcePathStyle. */
  endpoint: string;
  stop(): Promise<void>;
  /** Forgets every bucket, queue and table (POST /moto-api/reset). */
  reset(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

// Runs moto's server in-process after asking Linux to SIGTERM it when our process dies, so a
// crashed or SIGKILLed runner leaves no orphan holding the port (no-op elsewhere); a runner
// that died before the request took effect is noticed by the changed parent pid.
const BOOTSTRAP = `
import os, sys
try:
    import ctypes
    ctypes.CDLL(None).prctl(1, 15)
except Exception:
    pass
if os.getppid() != int(os.environ.get('MOTO_PARENT_PID', os.getppid())):
    sys.exit(0)
from moto.server import main
main(sys.argv[1:])
`;

/** Starts moto_server on 127.0.0.1, installing moto into a virtualenv first if needed. */
export async function startMoto(opts: MotoOptions): Promise<MotoServer> {
  const log = opts.log ?? (() => {});
  const python = await findMotoPython(opts.venvDir, log);
  const port = opts.port ?? (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;

  const child = spawn(python, ['-c', BOOTSTRAP, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_PARENT_PID: String(process.pid) },
    // Its own process group: a Ctrl-C in the terminal reaches the runner, which stops its work
    // before the emulator it still needs. The parent-death signal still ends it.
    detached: true,
  });
  // moto logs every request; keep only the tail for error messages.
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    await waitUntilReady(endpoint, child, () => output.join(''));
  } catch (error) {
    process.off('exit', killOnExit);
    await stopChild(child);
    throw error;
  }

  return {
    pid: child.pid!,
    endpoint,
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

/** A python that can import moto.server: the venv's, the system's, or a fresh venv's. */
async function findMotoPython(venvDir: string, log: (msg: string) => void): Promise<string> {
  const venvPython = join(venvDir, 'bin', 'python');
  if (existsSync(venvPython) && (await run(venvPython, ['-c', 'import moto.server'])).code === 0) {
    return venvPython;
  }
  const system = await run('python3', ['-c', 'import moto.server']);
  if (system.missing) {
    throw new Error(
      'python3 was not found: install python3 (moto is installed into a virtualenv automatically), ' +
        'or set AWS_ENDPOINT_URL to an existing AWS emulator such as LocalStack.',
    );
  }
  if (system.code === 0) return 'python3';

  log(`moto is not importable by python3; creating a virtualenv at ${venvDir} and installing moto[server] (about a minute)`);
  const venv = await run('python3', ['-m', 'venv', venvDir]);
  if (venv.code !== 0) throw new Error(`python3 -m venv ${venvDir} failed: ${venv.output}`);
  const pip = await run(join(venvDir, 'bin', 'pip'), ['install', '--quiet', 'moto[server]']);
  if (pip.code !== 0) throw new Error(`pip install 'moto[server]' failed: ${pip.output}`);
  log('moto installed');
  return venvPython;
}

/** Polls GET /moto-api/ until it answers, the child dies, or the time bound passes. */
async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exit code ${code ?? 'none'}, signal ${signal ?? 'none'}`;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`moto_server stopped before it was ready (${exited}):\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer ${endpoint}/moto-api/ within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** SIGTERM, then SIGKILL if it lingers; resolves once the process is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface RunResult {
  code: number | null;
  missing: boolean;
  output: string;
}

function run(command: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, missing: error.code === 'ENOENT', output: error.message }),
    );
    child.once('close', (code) => resolve({ code, missing: false, output }));
  });
}
