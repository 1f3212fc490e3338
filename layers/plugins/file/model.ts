/** The file plugin's records, as the domain sees them (timestamps: ISO-8601 with µs and Z). */

export const FILE_TYPE = 'file.file';

export interface Artifact {
  id: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  sha224: string | null;
  sha384: string | null;
  sha512: string | null;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** Digests a caller knows; sha256 and size are what makes an artifact. */
export interface ArtifactDigests {
  sha256: string;
  size: number;
  md5?: string | null;
  sha1?: string | null;
  sha224?: string | null;
  sha384?: string | null;
  sha512?: string | null;
}

export interface FileContent {
  id: string;
  pulpType: typeof FILE_TYPE;
  relativePath: string;
  sha256: string;
  size: number | null;
  pulpLabels: Record<string, string>;
  /** The content artifact's artifact; null while only a remote artifact exists. */
  artifact: Artifact | null;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface Upload {
  id: string;
  size: number;
  completed: string | null;
  chunks: Array<{ offset: number; size: number }>;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface Repository {
  id: string;
  pulpType: string;
  name: string;
  description: string | null;
  pulpLabels: Record<string, string>;
  nextVersion: number;
  latestVersion: number;
  retainRepoVersions: number | null;
  retainCheckpoints: number | null;
  remoteId: string | null;
  autopublish: boolean;
  manifest: string | null;
  lastSyncDetails: Record<string, unknown>;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface RepositoryVersion {
  id: string;
  repositoryId: string;
  number: number;
  baseVersionId: string | null;
  checkpoint: boolean;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface Publication {
  id: string;
  pulpType: string;
  repositoryVersionId: string;
  repositoryId: string;
  versionNumber: number;
  manifest: string | null;
  passThrough: boolean;
  checkpoint: boolean;
  complete: boolean;
  pulpCreated: string;
  pulpLastUpdated: string;
}

export interface PublishedMetadata {
  relativePath: string;
  sha256: string;
  size: number;
  storageKey: string;
}

/** What a client sets on a distribution. */
export interface DistributionAttributes {
  name: string;
  basePath: string;
  pulpLabels: Record<string, string>;
  hidden: boolean;
  contentGuardId: string | null;
  repositoryId: string | null;
  repositoryVersionId: string | null;
  publicationId: string | null;
  checkpoint: boolean;
}

export interface Distribution extends DistributionAttributes {
  id: string;
  pulpType: string;
  pulpCreated: string;
  pulpLastUpdated: string;
}
