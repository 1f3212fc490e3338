import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as migrate } from '../../../functions/migrate';
import type { App } from '../../../layers/app/app';
import { redirectToContentApp } from '../../../layers/app/access';
import { awsClientConfig } from '../../../layers/adapters/aws-client-config';
import { handleContentRequest } from '../../../layers/content/content-handler';
import { generateSigningDocument, type SigningDocument } from '../../../layers/core/signing/signing-material';
import { artifactsHandler } from '../../../local/artifacts-handler';
import { freshLocalKeys } from '../../../local/local-keys';
import { createLambdaContext } from '../../../local/lambda-context';
import { basic, createUser } from '../../support/access-users';
import { createRepository, json, publish, uploadContent } from '../../support/file-api';
import { expectTask } from '../../support/tasks';
import { anotherInstance, httpEvent } from '../../support/lambda-events';
import { ADMIN_PASSWORD, startTestStack, type TestStack } from '../../support/test-stack';

const TASKS = '/pulp/api/v3/tasks/';

/** Credentials and keys change without downtime: set new (both valid), then retire the previous. */
describe('rotation without downtime', () => {
  const keysA = freshLocalKeys();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('access-rotation', { workers: 1, keys: keysA });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const asAdmin = async (password: string) => (await fetch(new URL(TASKS, stack.url), { headers: { authorization: basic('admin', password) } })).status;

  it('rotates the signing keys: URLs signed with the old keys work while it is the previous one, and stop when it is retired', async () => {
    // Prepare: a file served by a distribution behind a content_redirect guard
    const repo = await createRepository(stack, 'rotation-repo');
    await uploadContent(stack, 'r.txt', Buffer.from('rotate me'), repo.pulp_href);
    const publication = await publish(stack, repo.pulp_href);
    const guard = await json(await stack.api('/pulp/api/v3/contentguards/core/content_redirect/', { method: 'POST', body: { name: 'rotation-guard' } }));
    await expectTask(await stack.api('/pulp/api/v3/distributions/file/file/', { method: 'POST', body: { name: 'rot', base_path: 'rot', publication, content_guard: guard.pulp_href } }), stack);
    const redirectUrl = await redirectToContentApp(stack.app.access, guard.pulp_href.split('/').at(-2), `${stack.url}/pulp/content/rot/r.txt`);
    const artifactUrl = (await fetch(redirectUrl, { redirect: 'manual' })).headers.get('location')!;
    const b = generateSigningDocument();
    const both: SigningDocument = {
      redirect: { current: b.redirect.current, previous: keysA.signing.redirect.current },
      artifacts: { current: b.artifacts!.current, verify: [...b.artifacts!.verify, ...keysA.signing.artifacts!.verify] },
    };
    const during = anotherInstance(stack, { signing: both, secretKeys: keysA.secretKeys });
    const after = anotherInstance(stack, { signing: b, secretKeys: keysA.secretKeys });
    const serve = async (app: App, url: string) => {
      const event = httpEvent('GET', url);
      const result = url.includes('/artifacts/') ? await artifactsHandler(app)(event, createLambdaContext({ functionName: 'artifacts-origin', timeoutMs: 10_000 })) : await handleContentRequest(event, app.delivery);
      return (result as { statusCode: number }).statusCode;
    };

    try {
      // Act
      const old = [await serve(during, redirectUrl), await serve(during, artifactUrl)];
      const retired = [await serve(after, redirectUrl), await serve(after, artifactUrl)];
      const freshRedirect = await redirectToContentApp(after.access, guard.pulp_href.split('/').at(-2), `${stack.url}/pulp/content/rot/r.txt`);
      const fresh = await handleContentRequest(httpEvent('GET', freshRedirect), after.delivery);
      const freshArtifact = await serve(after, String(fresh.headers?.location));

      // Assess
      expect(artifactUrl).toContain('Signature=');
      expect(old).toEqual([302, 200]);
      expect(retired).toEqual([403, 403]);
      expect([fresh.statusCode, freshArtifact]).toEqual([302, 200]);
    } finally {
      await during.close();
      await after.close();
    }
  });

  it('accepts an API token as the password until it is revoked, then refuses it at once', async () => {
    // Prepare
    const user = await createUser(stack, 'token-user');
    const other = await createUser(stack, 'token-other');
    const created = await user.call('/pulp/api/v3/tokens/', { method: 'POST', body: { name: 'ci' } });
    const token = await json(created);
    const use = async (username: string) => (await fetch(new URL(TASKS, stack.url), { headers: { authorization: basic(username, token.token) } })).status;

    // Act
    const before = [await use('__token__'), await use(user.username), await use(other.username)];
    const listed = await json(await user.call('/pulp/api/v3/tokens/'));
    const othersView = (await other.call(token.pulp_href)).status;
    const othersRevoke = (await other.call(token.pulp_href, { method: 'DELETE' })).status;
    const revoked = (await user.call(token.pulp_href, { method: 'DELETE' })).status;
    const after = await use('__token__');

    // Assess
    expect(created.status).toBe(201);
    expect(token.token).toMatch(/^pulp_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(before).toEqual([200, 200, 401]);
    expect(listed.results).toHaveLength(1);
    expect(listed.results[0]).not.toHaveProperty('token');
    expect([othersView, othersRevoke, revoked, after]).toEqual([404, 404, 204, 401]);
  });

  it('rotates the bootstrap admin secret through the migrate function and Secrets Manager', async () => {
    // Prepare: the secret as infra creates it (holding the deployed password), and the migrate function's environment
    const secrets = new SecretsManagerClient(awsClientConfig('us-east-1', stack.config.awsEndpoint));
    const name = `rotation-${randomUUID()}/pulp-admin`;
    await secrets.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) }));
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: stack.config.database.url, ADMIN_SECRET_NAME: name, AWS_ENDPOINT_URL: stack.config.awsEndpoint, SCHEMA_DIR: `${process.cwd()}/schema` });
    const put = (value: Record<string, string>) => secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify(value) }));
    const deploy = () => migrate({}, createLambdaContext({ functionName: 'pulp-migrate', timeoutMs: 60_000 }));
    const NEW = 'secret-two-2';

    try {
      // Act
      await deploy();
      const start = [await asAdmin(ADMIN_PASSWORD), await asAdmin(NEW)];
      await put({ username: 'admin', password: NEW, previous_password: ADMIN_PASSWORD });
      await deploy();
      const during = [await asAdmin(ADMIN_PASSWORD), await asAdmin(NEW)];
      await put({ username: 'admin', password: NEW });
      await deploy();
      const after = [await asAdmin(ADMIN_PASSWORD), await asAdmin(NEW)];

      // Assess
      expect(start).toEqual([200, 401]);
      expect(during).toEqual([200, 200]);
      expect(after).toEqual([401, 200]);
    } finally {
      process.env = saved;
      secrets.destroy();
      // The rest of the stack's helpers sign in with the test admin password: rotate back.
      await stack.app.access.authenticator.syncBootstrap('admin', ADMIN_PASSWORD, NEW);
    }
  });
});
