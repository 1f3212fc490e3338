import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The swagger-ui-dist files the docs page loads, with their media types. */
export const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** One asset, read once per process; the gzip copy saves ~70 % of the 1.7 MB bundle. */
export interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

/**
 * Where swagger-ui-dist's files are: `swagger-ui/` beside the bundled api Lambda (esbuild
 * copies them there), else the npm package itself (local stack, tests).
 */
export function swaggerUiDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'swagger-ui');
  if (existsSync(join(bundled, 'swagger-ui-bundle.js'))) return bundled;
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const cache = new Map<string, Asset>();

/** Loads a swagger-ui-dist asset by file name; undefined for names we do not serve. */
export function swaggerUiAsset(name: string): Asset | undefined {
  const contentType = SWAGGER_UI_FILES[name];
  if (contentType === undefined) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    const body = readFileSync(join(swaggerUiDir(), name));
    asset = { contentType, body, gzipped: gzipSync(body) };
    cache.set(name, asset);
  }
  return asset;
}
