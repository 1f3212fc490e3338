import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTree } from '../../../scripts/check-imports';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const fixture = mkdtempSync(path.join(tmpdir(), 'imports-'));

function write(file: string, source: string): void {
  mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
  writeFileSync(path.join(fixture, file), source);
}

afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('the import-boundary check', () => {
  it('passes on this repository', () => {
    // Act
    const violations = checkTree(ROOT, ['layers', 'functions', 'local', 'infra', 'test/plugins']);
    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    ['core importing pg', 'layers/core/x.ts', "import pg from 'pg';", 'must not import pg'],
    ['core importing the AWS SDK', 'layers/core/y.ts', "import { S3Client } from '@aws-sdk/client-s3';", 'must not import @aws-sdk/'],
    ['core importing an adapter', 'layers/core/z.ts', "import { Database } from '../adapters/postgres/database';", 'may import only layers/core'],
    ['a plugin importing core directly', 'layers/plugins/demo/a.ts', "import { newId } from '../../core/ids';", 'may import only layers/plugins/demo'],
    ['a plugin importing another plugin', 'layers/plugins/demo/b.ts', "import { filePlugin } from '../file/plugin';", 'may import only'],
    ['a plugin importing an npm package', 'layers/plugins/demo/c.ts', "import middy from '@middy/core';", 'imports no npm packages'],
    ['a test plugin importing core', 'test/plugins/demo/d.ts', "import type { App } from '../../../layers/app/app';", 'may import only'],
    ['layers importing a function', 'layers/api/e.ts', "export { handler } from '../../functions/api/index';", 'may import only'],
    ['layers importing the local runner', 'layers/app/f.ts', "const m = await import('../../local/stack');", 'may import only layers'],
  ])('fails on %s', (_label, file, source, reason) => {
    // Prepare
    write(file, `${source}\n`);
    // Act
    const violations = checkTree(fixture, ['layers', 'test/plugins']).filter((v) => v.file === file);
    rmSync(path.join(fixture, file));
    // Assess
    expect(violations).toHaveLength(1);
    expect(violations[0]!.reason).toContain(reason);
  });

  it.each([
    ['a plugin importing the plugin API and its own files', 'layers/plugins/demo/ok.ts', "import { f } from '../../plugin-api';\nimport { g } from './g';\nimport { h } from 'node:crypto';"],
    ['core importing core and node builtins', 'layers/core/ok.ts', "import { newId } from './ids';\nimport { randomUUID } from 'node:crypto';"],
  ])('allows %s', (_label, file, source) => {
    // Prepare
    write(file, `${source}\n`);
    // Act
    const violations = checkTree(fixture, ['layers']).filter((v) => v.file === file);
    // Assess
    expect(violations).toEqual([]);
  });
});
