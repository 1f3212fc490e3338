import type { BootstrapAdmin } from '../../layers/app/access';

/** What the launcher hands the migrator: secrets it read outside the VPC. */
export interface MigrateEvent {
  /** The cluster's master user, who owns the schema. */
  credentials?: { username: string; password: string };
  /** The Pulp admin user as its secret says; a rotation names the previous password too. */
  admin?: BootstrapAdmin;
}

export type { BootstrapAdmin } from '../../layers/app/access';
