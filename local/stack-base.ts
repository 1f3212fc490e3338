import type { Config } from '../layers/app/config';
import { startBackingServices, type BackingServices, type ResourceNames } from './backing-services';
import { freePort } from './free-port';
import { localConfig } from './local-config';
import { localKeys } from './local-keys';
import type { SigningDocument } from '../layers/core/signing/signing-material';
import { installedPlugins } from '../layers/plugins';
import { prepare } from './prepare';
import type { LocalStackOptions } from './stack';

export const REGION = 'us-east-1';
/** Fetchers (download queue loops) a process runs when not told otherwise. */
export const DEFAULT_FETCHERS = 4;

export interface StackBase {
  services: BackingServices;
  config: Config;
  /** The public port (a free one when 0 was asked for). */
  port: number;
  /** The signing keys every process of this stack uses (the secret keys are in the config). */
  signing: SigningDocument;
}

/**
 * What every shape of the local stack starts with: Postgres and the emulator up, the
 * configuration the handlers get, the keys, the schema migrated, access control's built-ins
 * and the admin user there.
 */
export async function startStackBase(options: LocalStackOptions, names: ResourceNames): Promise<StackBase> {
  const services = await startBackingServices({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    awsEndpoint: options.awsEndpoint,
    names,
    region: REGION,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    downloadVisibilityTimeoutSeconds: options.downloadVisibilityTimeoutSeconds,
    watchdog: options.watchdog,
    log: options.log,
  });
  try {
    const port = options.port === 0 ? await freePort() : options.port;
    const keys = options.keys ?? (await localKeys(options.dataDir, options.log));
    const config = localConfig({
      services,
      names,
      region: REGION,
      url: `http://${options.host}:${port}`,
      storage: options.storage ?? { backend: 's3' },
      fanOut: options.fanOut ?? (options.fetchers ?? DEFAULT_FETCHERS) > 0,
      workerTtlSeconds: options.workerTtlSeconds ?? 30,
      workerTimeoutMs: options.workerTimeoutMs ?? 900_000,
      secretKeys: keys.secretKeys,
      artifactUrlSeconds: options.artifactUrlSeconds ?? 3600,
    });
    const admin = { username: 'admin', password: options.adminPassword, previous: options.adminPasswordPrevious };
    await prepare(config, options.plugins ?? installedPlugins, { admin, signing: keys.signing }, options.log);
    return { services, config, port, signing: keys.signing };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
