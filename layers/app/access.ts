import { createHmac, randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig } from '../adapters/aws-client-config';
import type { Database } from '../adapters/postgres/database';
import { contentVisible } from '../adapters/postgres/access/content-visibility';
import { PgGuardStore } from '../adapters/postgres/access/guard-store';
import { PgIdentityStore } from '../adapters/postgres/access/identity-store';
import { PgLoginThrottleStore } from '../adapters/postgres/access/login-throttle-store';
import { PgPolicyStore } from '../adapters/postgres/access/policy-store';
import { PgRoleStore } from '../adapters/postgres/access/role-store';
import { PgTokenStore } from '../adapters/postgres/access/token-store';
import { KmsEnvelopeBox } from '../adapters/secrets/kms-envelope-box';
import { LocalKeyBox, localKeyId } from '../adapters/secrets/local-key-box';
import { SecretsManagerSigningSource } from '../adapters/secrets/secrets-manager-signing-source';
import { AccessCatalog } from '../core/access/access-catalog';
import { Authorizer } from '../core/access/authorizer';
import type { GuardStore } from '../core/access/content-guard';
import { coreViewsets } from '../core/access/core-viewsets';
import { CreationHooks } from '../core/access/creation-hooks';
import { GuardCheck } from '../core/access/guard-check';
import type { IdentityStore } from '../core/access/identity-store';
import { LoginThrottle } from '../core/access/login-throttle';
import { PolicySource, type PolicyStore } from '../core/access/policy-source';
import type { RoleStore } from '../core/access/role-store';
import type { TokenStore } from '../core/access/token-store';
import { typedViewsets, type TypeAccess } from '../core/access/typed-viewsets';
import { currentPrincipal, type PrincipalScope } from '../core/access/principal';
import { Authenticator, principalOf } from '../core/auth/authenticator';
import type { Task } from '../core/tasks/task';
import type { Logger } from '../core/logger';
import type { SecretBox } from '../core/secrets/secret-box';
import { preauthenticateUrl } from '../core/signing/redirect-url';
import { generateSigningDocument, StaticSigningSource, type SigningDocument, type SigningSource } from '../core/signing/signing-material';
import type { InstalledTypes } from '../plugin-api/installed-types';
import type { Config } from './config';

/** Everything access control is made of, built once per process. */
export interface AccessServices {
  catalog: AccessCatalog;
  identities: IdentityStore;
  roles: RoleStore;
  policies: PolicyStore;
  policySource: PolicySource;
  authorizer: Authorizer;
  authenticator: Authenticator;
  throttle: LoginThrottle;
  tokens: TokenStore;
  guards: GuardStore;
  guardCheck: GuardCheck;
  creationHooks: CreationHooks;
  signing: SigningSource;
  secretBox: SecretBox;
}

/** What each installed type brings to access control, from its declaration. */
export function typeAccess(types: InstalledTypes): TypeAccess[] {
  const viewset = (endpoint: string) => endpoint.replace(/^\/pulp\/api\/v3\//, '').replace(/\/$/, '');
  const model = (kind: 'repositories' | 'remotes' | 'publications', pulpType: string) => types.kind(kind).get(pulpType).names.model;
  return [
    ...types.repositories.all.map((r): TypeAccess => ({
      kind: 'repositories',
      model: r.names.model,
      viewset: viewset(r.names.endpoint),
      syncable: Boolean(r.definition.sync),
      remoteModels: r.definition.remoteTypes.map((t) => model('remotes', t)),
    })),
    ...types.remotes.all.map((r): TypeAccess => ({ kind: 'remotes', model: r.names.model, viewset: viewset(r.names.endpoint) })),
    ...types.publications.all.map((p): TypeAccess => ({
      kind: 'publications',
      model: p.names.model,
      viewset: viewset(p.names.endpoint),
      repositoryModels: [model('repositories', p.definition.repositoryType)],
    })),
    ...types.distributions.all.map((d): TypeAccess => ({
      kind: 'distributions',
      model: d.names.model,
      viewset: viewset(d.names.endpoint),
      repositoryModels: [model('repositories', d.definition.repositoryType)],
      publicationModels: d.definition.publicationType ? [model('publications', d.definition.publicationType)] : [],
    })),
    ...types.content.all.map((c): TypeAccess => ({
      kind: 'content',
      model: c.names.model,
      viewset: viewset(c.names.endpoint),
      repositoryModels: types.repositories.all.filter((r) => r.definition.contentTypes.includes(c.definition.pulpType)).map((r) => r.names.model),
    })),
  ];
}

/** Core's viewsets and every installed type's. */
export function accessCatalog(types: InstalledTypes): AccessCatalog {
  return new AccessCatalog([...coreViewsets(), ...typeAccess(types).flatMap(typedViewsets), ...types.plugins.flatMap((p) => p.viewsets ?? [])]);
}

export interface AccessOverrides {
  /** Signing keys for this process (local runs, tests); else the secret named in the config. */
  signing?: SigningDocument;
  /** Keys sealing secrets at rest (current first); else KMS or the config's local keys. */
  secretKeys?: Buffer[];
}

/** A key of its own for each use of the deployment key, so one never stands in for another. */
function derivedKey(deploymentKey: string, use: 'secrets-at-rest' | 'content-redirect'): Buffer {
  return createHmac('sha256', deploymentKey).update(`pulp:${use}`).digest();
}

function secretBox(config: Config, logger: Logger, overrides: AccessOverrides): SecretBox {
  if (config.secretsKmsKeyId) return new KmsEnvelopeBox(new KMSClient(awsClientConfig(config.region, config.awsEndpoint)), config.secretsKmsKeyId);
  let keys = overrides.secretKeys ?? config.localSecretKeys.map((k) => Buffer.from(k, 'base64'));
  // The deployment key seals unless PULP_SECRET_KEYS names newer keys; it still opens what it sealed.
  if (config.deploymentKey) keys = [...keys, derivedKey(config.deploymentKey, 'secrets-at-rest')];
  if (!keys.length) {
    logger.warn('No key for secrets at rest is configured (SECRETS_KMS_KEY_ID, PULP_SECRET_KEYS or PULP_DEPLOYMENT_KEY): using a key that dies with this process');
    keys = [randomBytes(32)];
  }
  const [current, ...older] = keys.map((key) => ({ id: localKeyId(key), key }));
  return new LocalKeyBox(current!, older);
}

function signingSource(config: Config, logger: Logger, overrides: AccessOverrides): SigningSource {
  if (overrides.signing) return new StaticSigningSource(overrides.signing);
  if (config.signingSecretArn) return new SecretsManagerSigningSource(new SecretsManagerClient(awsClientConfig(config.region, config.awsEndpoint)), config.signingSecretArn);
  // content_redirect URLs are signed by one function and checked by another: one key for all.
  // Artifact URLs stay unsigned (CloudFront trusts no key group until the operator gives one).
  if (config.deploymentKey) return new StaticSigningSource({ redirect: { current: derivedKey(config.deploymentKey, 'content-redirect').toString('base64') } });
  logger.warn('No signing keys are configured (SIGNING_SECRET_ARN): using keys that die with this process');
  return new StaticSigningSource(generateSigningDocument());
}

export function buildAccess(db: Database, types: InstalledTypes, config: Config, logger: Logger, overrides: AccessOverrides = {}): AccessServices {
  const catalog = accessCatalog(types);
  const identities = new PgIdentityStore(db);
  const roles = new PgRoleStore(db);
  const policies = new PgPolicyStore(db);
  const policySource = new PolicySource(catalog, policies);
  const tokens = new PgTokenStore(db);
  const guards = new PgGuardStore(db);
  const throttle = new LoginThrottle(new PgLoginThrottleStore(db));
  const signing = signingSource(config, logger, overrides);
  return {
    catalog,
    identities,
    roles,
    policies,
    policySource,
    authorizer: new Authorizer(policySource, roles, (id, scope) => contentVisible(db, id, scope)),
    authenticator: new Authenticator(identities, tokens, throttle),
    throttle,
    tokens,
    guards,
    guardCheck: new GuardCheck(async () => (await signing.material()).redirect, (id) => guards.get(id)),
    creationHooks: new CreationHooks(catalog, policySource, roles, identities, logger),
    signing,
    secretBox: secretBox(config, logger, overrides),
  };
}

/** Built-in roles and default policies into the database: at deploy, after migrations. */
export async function syncAccessBuiltIns(access: Pick<AccessServices, 'catalog' | 'roles' | 'policySource'>): Promise<{ roles: number; policies: number }> {
  const roles = await access.roles.syncLockedRoles(access.catalog.lockedRoles);
  const policies = await access.policySource.syncDefaults();
  return { roles, policies };
}

/** The bootstrap admin's secret: `previous` still logs in (verify-only) during a rotation. */
export interface BootstrapAdmin {
  username: string;
  password: string;
  previous?: string;
}

/**
 * What runs at deploy after the migrations (the migrate function, `npm start`): built-in
 * roles and default policies written, the bootstrap admin's password synced to its secret.
 */
export async function bootstrapAccess(
  db: Database,
  types: InstalledTypes,
  admin: BootstrapAdmin | undefined,
): Promise<{ roles: number; policies: number; adminCreated: boolean }> {
  const catalog = accessCatalog(types);
  const identities = new PgIdentityStore(db);
  const roles = new PgRoleStore(db);
  const synced = await syncAccessBuiltIns({ catalog, roles, policySource: new PolicySource(catalog, new PgPolicyStore(db)) });
  let adminCreated = false;
  if (admin) {
    const authenticator = new Authenticator(identities, new PgTokenStore(db), new LoginThrottle(new PgLoginThrottleStore(db)));
    adminCreated = await authenticator.syncBootstrap(admin.username, admin.password, admin.previous);
  }
  return { ...synced, adminCreated };
}

/** The scope a task runs in: as the user who dispatched it (already in scope for inline tasks). */
export function taskPrincipal(access: Pick<AccessServices, 'identities' | 'creationHooks'>): (task: Task) => Promise<PrincipalScope | undefined> {
  return async (task) => {
    if (!task.userId) return undefined;
    const current = currentPrincipal();
    const user = current?.userId === task.userId ? undefined : await access.identities.userById(task.userId);
    const principal = current?.userId === task.userId ? current : user ? principalOf(user) : undefined;
    return principal ? { principal, objectCreated: (prn) => access.creationHooks.run(prn, principal) } : undefined;
  };
}

/**
 * Pulp's Distribution.redirect_to_content_app(): the URL, preauthenticated when the
 * distribution's guard is a content_redirect guard (an hour, Pulp's EXPIRETIME), else as is.
 */
export async function redirectToContentApp(access: Pick<AccessServices, 'guards' | 'signing'>, contentGuardId: string | null, url: string): Promise<string> {
  const guard = contentGuardId ? await access.guards.get(contentGuardId) : undefined;
  if (guard?.pulpType !== 'core.content_redirect') return url;
  return preauthenticateUrl((await access.signing.material()).redirect, guard.id, url);
}
