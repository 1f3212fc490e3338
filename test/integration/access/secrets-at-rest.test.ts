import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemote, json } from '../../support/file-api';
import { createApp } from '../../../layers/app/app';
import { installedPlugins } from '../../../layers/plugins';
import { anotherInstance, quiet } from '../../support/lambda-events';
import { waitForTask } from '../../support/tasks';
import { startTestStack, type TestStack } from '../../support/test-stack';
import { freshLocalKeys } from '../../../local/local-keys';

const SECRETS = { password: 'remote-pw-0xC0FFEE', proxy_password: 'proxy-pw-0xBEEF', client_key: '-----BEGIN PRIVATE KEY-----\nMIIsecretkey\n-----END PRIVATE KEY-----', username: 'remote-user-0xF00D' };

/** Remote secrets are encrypted in the database (rows and task arguments), opened only to be used. */
describe('secrets at rest', () => {
  const keys = freshLocalKeys();
  let stack: TestStack;
  let remote: Record<string, any>;
  const row = async (id: string) => (await stack.app.db.query<Record<string, unknown>>('SELECT * FROM remotes WHERE id = $1', [id])).rows[0]!;

  beforeAll(async () => {
    stack = await startTestStack('access-secrets', { workers: 1, keys });
    remote = await createRemote(stack, { name: 'secretive', url: 'http://127.0.0.1:9/PULP_MANIFEST', ...SECRETS });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const idOf = (href: string) => href.split('/').at(-2)!;

  it('keeps no plaintext secret in the remote’s row, and never returns one', async () => {
    // Act
    const stored = await row(idOf(remote.pulp_href));
    const shown = await json(await stack.api(remote.pulp_href));

    // Assess
    for (const [field, value] of Object.entries(SECRETS)) {
      expect(String(stored[field])).toMatch(/^sealed:aes:/);
      expect(JSON.stringify(stored)).not.toContain(value);
      expect(JSON.stringify(shown)).not.toContain(value);
    }
    expect(shown.hidden_fields).toEqual(expect.arrayContaining(Object.keys(SECRETS).map((name) => ({ name, is_set: true }))));
  });

  it('opens them for the code that uses them', async () => {
    const opened = await stack.app.services.remotes.get(idOf(remote.pulp_href));
    expect({ password: opened!.password, proxy_password: opened!.proxy_password, client_key: opened!.client_key, username: opened!.username }).toEqual(SECRETS);
  });

  it('keeps a changed password out of the update task’s arguments too', async () => {
    // Act
    const res = await stack.api(remote.pulp_href, { method: 'PATCH', body: { password: 'changed-pw-0xDEAD' } });
    const task = await waitForTask(stack, (await json(res)).task);
    const args = (await stack.app.db.query<{ args: unknown }>('SELECT args FROM tasks WHERE id = $1', [idOf(task.pulp_href)])).rows[0]!.args;

    // Assess
    expect(task.state).toBe('completed');
    expect(JSON.stringify(args)).not.toContain('changed-pw-0xDEAD');
    expect(JSON.stringify(await row(idOf(remote.pulp_href)))).not.toContain('changed-pw-0xDEAD');
    expect((await stack.app.services.remotes.get(idOf(remote.pulp_href)))!.password).toBe('changed-pw-0xDEAD');
  });

  it('re-encrypts under a new key, which opens what the old one sealed until then', async () => {
    // Prepare: an instance with a new current key that still holds the old one
    const newKey = randomBytes(32);
    const rotated = anotherInstance(stack, { signing: keys.signing, secretKeys: [newKey, ...keys.secretKeys] });
    const onlyNew = anotherInstance(stack, { signing: keys.signing, secretKeys: [newKey] });
    const id = idOf(remote.pulp_href);

    try {
      // Act
      const beforeReseal = (await rotated.services.remotes.get(id))!.proxy_password;
      const unreadable = await onlyNew.services.remotes.get(id).then(() => 'opened', () => 'refused');
      const resealed = await rotated.data.remotes.reseal();
      const afterReseal = (await onlyNew.services.remotes.get(id))!.proxy_password;
      const stored = await row(id);

      // Assess
      expect(beforeReseal).toBe(SECRETS.proxy_password);
      expect(unreadable).toBe('refused');
      expect(resealed).toBeGreaterThanOrEqual(1);
      expect(afterReseal).toBe(SECRETS.proxy_password);
      expect(JSON.stringify(stored)).not.toContain(SECRETS.proxy_password);
    } finally {
      await rotated.close();
      await onlyNew.close();
    }
  });
});

/** The deployment key (lean's, handed to every function at deploy) seals and signs the same in every instance. */
describe('secrets at rest under the deployment key', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('access-deployment-key', { runWorkers: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('opens in one instance what another sealed, indexes only sealed copies, and refuses another key', async () => {
    // Prepare: two instances with the deployment key, one with another, as separate Lambda environments
    const config = { ...stack.config, localSecretKeys: [], deploymentKey: 'k'.repeat(64) };
    const sealer = createApp(config, installedPlugins, quiet);
    const opener = createApp(config, installedPlugins, quiet);
    const stranger = createApp({ ...config, deploymentKey: 'x'.repeat(64) }, installedPlugins, quiet);
    try {
      // Act
      const remote = await sealer.services.remotes.create('file.file', { name: `dk-${randomBytes(4).toString('hex')}`, url: 'http://127.0.0.1:9/', password: SECRETS.password, extra: {} });
      await sealer.deliveryIndex.putRemote(remote);
      const opened = await opener.services.remotes.get(remote.id);
      const fromIndex = await opener.deliveryIndex.getRemote(remote.id);
      const rawIndexed = await Object.getPrototypeOf(opener.deliveryIndex).getRemote(remote.id);
      const strangerSees = await stranger.services.remotes.get(remote.id).then(() => 'opened', () => 'refused');
      const [signer, checker] = [await sealer.access.signing.material(), await opener.access.signing.material()];

      // Assess
      expect(opened!.password).toBe(SECRETS.password);
      expect(fromIndex!.password).toBe(SECRETS.password);
      expect(rawIndexed.password).toMatch(/^sealed:aes:/);
      expect(strangerSees).toBe('refused');
      expect(signer.redirect.current.equals(checker.redirect.current)).toBe(true);
    } finally {
      await Promise.all([sealer.close(), opener.close(), stranger.close()]);
    }
  });

  it('rotates to a newer key named in PULP_SECRET_KEYS, the deployment key still opening what it sealed', async () => {
    // Prepare
    const config = { ...stack.config, localSecretKeys: [], deploymentKey: 'r'.repeat(64) };
    const newKey = randomBytes(32).toString('base64');
    const before = createApp(config, installedPlugins, quiet);
    const rotated = createApp({ ...config, localSecretKeys: [newKey] }, installedPlugins, quiet);
    const onlyNew = createApp({ ...config, localSecretKeys: [newKey], deploymentKey: undefined }, installedPlugins, quiet);
    try {
      const remote = await before.services.remotes.create('file.file', { name: `rot-${randomBytes(4).toString('hex')}`, url: 'http://127.0.0.1:9/', password: SECRETS.password, extra: {} });
      // Act
      const readBeforeReseal = (await rotated.services.remotes.get(remote.id))!.password;
      const resealed = await rotated.data.remotes.reseal();
      const readWithNewKeyOnly = (await onlyNew.services.remotes.get(remote.id))!.password;
      // Assess
      expect(readBeforeReseal).toBe(SECRETS.password);
      expect(resealed).toBeGreaterThanOrEqual(1);
      expect(readWithNewKeyOnly).toBe(SECRETS.password);
    } finally {
      await Promise.all([before.close(), rotated.close(), onlyNew.close()]);
    }
  });
});
