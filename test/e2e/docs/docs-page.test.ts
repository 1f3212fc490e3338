import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDom, findChromium } from '../../support/chromium';
import { startTestStack, type TestStack } from '../../support/test-stack';

const chromium = findChromium();

describe('the browsable API docs page in headless Chromium', () => {
  let stack: TestStack;

  beforeAll(async () => {
    if (chromium) stack = await startTestStack('e2e-docs-page', { workers: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('renders the operations of the served document', async (ctx) => {
    if (!chromium) ctx.skip(true, 'chromium is not installed (apt-get install -y chromium); .ci/run installs it');
    // Prepare
    const url = `${stack.url}/pulp/api/v3/docs/`;

    // Act
    const dom = await dumpDom(url, chromium as string);

    // Assess: Swagger UI built operation blocks from api.json (not just the static shell)
    expect(dom).toContain('id="swagger-ui"');
    expect(dom).toMatch(/class="opblock opblock-get/);
    expect(dom).toContain('Inspect status of Pulp');
    expect(dom).toContain('status_read');
    expect(dom).toContain('{task_href}');
  });
});
