// Bundles every function under functions/<name>/index.ts into dist/functions/<name>/index.mjs
// (or <dir>/<name>/index.mjs with --outdir <dir>): tree-shaken ESM for Node 20 on arm64 with
// source maps, and prints each bundle's size on stderr (`cdk synth` runs this and owns stdout).
import { build } from 'esbuild';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
const functionsDir = path.join(root, 'functions');
const outFlag = process.argv.indexOf('--outdir');
const outRoot = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'dist', 'functions');

// The AWS SDK v3 ships with the Node 20 runtime, but bundling pins the version we test with.
const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const names = (await readdir(functionsDir, { withFileTypes: true }))
  .filter((d) => d.isDirectory() && existsSync(path.join(functionsDir, d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

for (const name of names) {
  const outdir = path.join(outRoot, name);
  const result = await build({
    entryPoints: [path.join(functionsDir, name, 'index.ts')],
    outfile: path.join(outdir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    minify: true,
    treeShaking: true,
    metafile: true,
    banner: { js: banner },
    // pg optionally requires pg-native; it is never installed.
    external: ['pg-native'],
    logLevel: 'warning',
  });
  if (name === 'api') {
    // The docs page serves Swagger UI's files from the Lambda itself (swagger-ui-assets.ts).
    const from = path.join(root, 'node_modules', 'swagger-ui-dist');
    await mkdir(path.join(outdir, 'swagger-ui'), { recursive: true });
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'LICENSE', 'NOTICE']) {
      await cp(path.join(from, file), path.join(outdir, 'swagger-ui', file));
    }
  }
  if (name === 'migrate') {
    // The migrate function reads the numbered SQL files at run time: core's and each plugin's.
    await cp(path.join(root, 'schema'), path.join(outdir, 'schema'), { recursive: true });
    const pluginsDir = path.join(root, 'layers', 'plugins');
    for (const entry of await readdir(pluginsDir, { withFileTypes: true })) {
      const migrations = path.join(pluginsDir, entry.name, 'migrations');
      if (entry.isDirectory() && existsSync(migrations)) {
        await cp(migrations, path.join(outdir, 'plugins', entry.name, 'migrations'), { recursive: true });
      }
    }
  }
  const bytes = (await stat(path.join(outdir, 'index.mjs'))).size;
  const inputs = Object.keys(result.metafile.inputs).length;
  console.error(`${name.padEnd(10)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB  (${inputs} modules)`);
}
