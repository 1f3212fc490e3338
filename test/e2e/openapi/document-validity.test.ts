import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../layers/api/route-table';
import { API_REVISION, appVersions, componentVersions, CORE_VERSION } from '../../../layers/core/status/versions';
import { buildOpenApiDocument } from '../../../layers/http/openapi';
import { InstalledTypes } from '../../../layers/plugin-api/installed-types';
import { installedPlugins } from '../../../layers/plugins';
import { venvPython } from '../../support/pulp-cli';

const run = promisify(execFile);
const CHECK = join(import.meta.dirname, 'check_document.py');

async function check(document: unknown, dir: string): Promise<Record<string, string | null>> {
  const file = join(dir, `doc-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(document));
  const { stdout } = await run(await venvPython(), [CHECK, file], { timeout: 120_000, maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}

describe('the OpenAPI document under openapi-spec-validator and pulp-glue', () => {
  let dir: string;
  const types = new InstalledTypes(installedPlugins);
  const components = componentVersions(types.components());
  const document = buildOpenApiDocument(apiRoutes(types, components), {
    title: 'Pulp 3 API',
    version: `${CORE_VERSION}+serverless.${API_REVISION}`,
    appVersions: appVersions(components),
  }) as any;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-check-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is valid OpenAPI 3.1 and parses in pulp-glue’s strict model', async () => {
    // Prepare
    const input = document;

    // Act
    const verdict = await check(input, dir);

    // Assess
    expect(verdict).toEqual({ openapi_spec_validator: null, pulp_glue: null });
  });

  it('fails both checks when broken the ways glue cares about (the check can fail)', async () => {
    // Prepare: a response without description and an unknown top-level key
    const broken = structuredClone(document);
    const firstPath = Object.keys(broken.paths)[0] as string;
    const op = Object.values(broken.paths[firstPath]!)[0] as any;
    delete op.responses[Object.keys(op.responses)[0]!].description;
    broken.bogus = true;

    // Act
    const verdict = await check(broken, dir);

    // Assess
    expect(verdict.openapi_spec_validator).not.toBeNull();
    expect(verdict.pulp_glue).not.toBeNull();
  });
});
