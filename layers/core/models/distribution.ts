/** What a client sets on a distribution of any type. */
export interface DistributionAttributes {
  name: string;
  basePath: string;
  pulpLabels: Record<string, string>;
  hidden: boolean;
  contentGuardId: string | null;
  repositoryId: string | null;
  repositoryVersionId: string | null;
  publicationId: string | null;
  /** Pull-through: a remote whose content the distribution also serves. */
  remoteId: string | null;
  checkpoint: boolean;
  extra: Record<string, unknown>;
}

export interface Distribution extends DistributionAttributes {
  id: string;
  pulpType: string;
  pulpCreated: string;
  pulpLastUpdated: string;
}
