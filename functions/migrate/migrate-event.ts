/** What the launcher hands the migrator: secrets it read outside the VPC. */
export interface MigrateEvent {
  /** The cluster's master user, who owns the schema. */
  credentials?: { username: string; password: string };
  /** The Pulp admin user's password, set at the first run. */
  adminPassword?: string;
}
