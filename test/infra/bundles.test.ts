import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, freshSynth, functionResource } from './support';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Imports one bundle the way the Lambda runtime does (a plain `node`, ESM, nothing else
// loaded) and prints its exported functions: a bundle that throws at load prints nothing.
const PROBE = `
const m = await import(process.argv[1]);
console.log(JSON.stringify(Object.keys(m).filter((k) => typeof m[k] === 'function').sort()));
`;

/** Runs the probe in a fresh process with only what Lambda would set. */
const exportsOf = (bundle: string): string[] => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(bundle).href], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', NODE_OPTIONS: '--enable-source-maps', LANG: 'C.UTF-8' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as string[];
};

describe('the built bundles', () => {
  let outDir: string;

  beforeAll(() => {
    // Prepare: the same build `cdk synth` runs, into a folder of its own.
    outDir = mkdtempSync(path.join(tmpdir(), 'pulp-bundles-'));
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.config.mjs'), '--outdir', outDir], { cwd: ROOT, stdio: 'pipe' });
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it.each(FUNCTION_NAMES)('%s loads in a fresh Node process and exports handler', (name) => {
    // Act
    const exported = exportsOf(path.join(outDir, name, 'index.mjs'));

    // Assess
    expect(exported).toContain('handler');
  });

  it('carries the migrations beside the migrate bundle, which also exports the launcher', () => {
    // Act
    const exported = exportsOf(path.join(outDir, 'migrate', 'index.mjs'));

    // Assess
    expect(exported).toEqual(['handler', 'launch']);
    expect(existsSync(path.join(outDir, 'migrate', 'schema', '0001_core.sql'))).toBe(true);
  });

  it('synthesizes from them, every function naming a handler its bundle exports', () => {
    // Prepare
    const { template } = freshSynth({ functionsDir: outDir });
    const constructs = { Api: 'api', Content: 'content', Worker: 'worker', Sweeper: 'sweeper', Migrations: 'migrate', MigrationsLaunch: 'migrate' };

    // Act
    const handlers = Object.entries(constructs).map(([construct, bundle]) => ({
      bundle,
      exportName: (functionResource(template, construct).Handler as string).replace(/^index\./, ''),
    }));

    // Assess
    for (const { bundle, exportName } of handlers) {
      expect(exportsOf(path.join(outDir, bundle, 'index.mjs')), `${bundle}.${exportName}`).toContain(exportName);
    }
  });
});
