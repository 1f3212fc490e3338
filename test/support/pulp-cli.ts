import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_PASSWORD, type TestStack } from './test-stack';

const run = promisify(execFile);

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The virtualenv scripts/install-pulp-cli.sh fills (CI calls the same script). */
export const PULP_CLI_VENV = process.env.PULP_CLI_VENV ?? join(ROOT, '.venv', 'pulp-cli');
const INSTALL_TIMEOUT_MS = 240_000;
/** A bound on one CLI command; tasks it waits for are bounded by the config's timeout too. */
const COMMAND_TIMEOUT_MS = 120_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PulpCli {
  /** Runs `pulp <args>`; never throws on a non-zero exit (the caller asserts on `code`). */
  run(args: string[]): Promise<CliResult>;
  /** Runs `pulp <args>`, expects exit 0 and parses stdout as JSON. */
  json<T = any>(args: string[]): Promise<T>;
  /** Runs `pulp <args>` and expects it to fail; returns what it printed. */
  fails(args: string[]): Promise<CliResult>;
  /** The temp dir holding XDG_CONFIG_HOME and XDG_CACHE_HOME (and scratch files). */
  dir: string;
  close(): Promise<void>;
}

let installing: Promise<string> | undefined;

/** Installs pulp-cli into the venv once per process (the script is idempotent); returns `pulp`. */
export function ensurePulpCli(): Promise<string> {
  installing ??= (async () => {
    await run('bash', [join(ROOT, 'scripts', 'install-pulp-cli.sh')], {
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, PULP_CLI_VENV },
    });
    return join(PULP_CLI_VENV, 'bin', 'pulp');
  })();
  return installing;
}

/** The venv's python, e.g. for openapi-spec-validator. */
export async function venvPython(): Promise<string> {
  await ensurePulpCli();
  return join(PULP_CLI_VENV, 'bin', 'python');
}

export interface PulpCliOptions {
  /** cli.toml `chunk_size` in bytes (uploads larger than this go through the upload API). */
  chunkSize?: number;
}

/**
 * A pulp-cli configured for one test stack: cli.toml with base_url = stack.url, api_root
 * /pulp/, the admin credentials and JSON output, in a fresh XDG config and cache dir so no
 * cached API document or setting leaks between runs.
 */
export async function pulpCliFor(stack: TestStack, options: PulpCliOptions = {}): Promise<PulpCli> {
  const pulp = await ensurePulpCli();
  const dir = await mkdtemp(join(tmpdir(), 'pulp-cli-e2e-'));
  const config = join(dir, 'config');
  const cache = join(dir, 'cache');
  await mkdir(join(config, 'pulp'), { recursive: true });
  await mkdir(cache, { recursive: true });
  const toml = [
    '[cli]',
    `base_url = "${stack.url}"`,
    'api_root = "/pulp/"',
    'username = "admin"',
    `password = "${ADMIN_PASSWORD}"`,
    'verify_ssl = false',
    'format = "json"',
    'timeout = 120',
    ...(options.chunkSize !== undefined ? [`chunk_size = ${options.chunkSize}`] : []),
    '',
  ].join('\n');
  await writeFile(join(config, 'pulp', 'cli.toml'), toml);

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    HOME: dir,
    XDG_CONFIG_HOME: config,
    XDG_CACHE_HOME: cache,
  };

  // Asynchronous on purpose: the stack serves the CLI's requests from this same process.
  const runCli = async (args: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(pulp, args, { env, cwd: dir, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 << 20 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number | string; stdout?: string; stderr?: string; killed?: boolean };
      if (typeof e.code !== 'number') throw error;
      return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  const describe = (args: string[], r: CliResult) =>
    `pulp ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

  return {
    dir,
    run: runCli,
    async json(args) {
      const r = await runCli(args);
      if (r.code !== 0) throw new Error(describe(args, r));
      try {
        return JSON.parse(r.stdout);
      } catch {
        throw new Error(`not JSON: ${describe(args, r)}`);
      }
    },
    async fails(args) {
      const r = await runCli(args);
      if (r.code === 0) throw new Error(`expected a failure: ${describe(args, r)}`);
      return r;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The operationIds of the served OpenAPI document. */
export async function servedOperations(stack: TestStack): Promise<Set<string>> {
  const res = await fetch(new URL('/pulp/api/v3/docs/api.json', stack.url));
  const doc = (await res.json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId ?? '')));
}

/** True when the served OpenAPI document has this operation: gates tests of features not landed yet. */
export async function hasOperation(stack: TestStack, operationId: string): Promise<boolean> {
  return (await servedOperations(stack)).has(operationId);
}

/**
 * Skips the running test, saying which operations are missing, unless the served document
 * has them all. Only for features still on a teammate's branch: remove the gate once landed.
 */
export async function requireOperations(
  stack: TestStack,
  ctx: { skip: (condition: boolean, note?: string) => void },
  ...operationIds: string[]
): Promise<void> {
  const served = await servedOperations(stack);
  const missing = operationIds.filter((id) => !served.has(id));
  if (missing.length) ctx.skip(true, `not served yet: ${missing.join(', ')}`);
}
