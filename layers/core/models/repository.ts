/** A repository of any type; `extra` holds the fields its plugin declares. */
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
  extra: Record<string, unknown>;
  lastSyncDetails: Record<string, unknown>;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** An immutable snapshot of a repository's content. */
export interface RepositoryVersion {
  id: string;
  repositoryId: string;
  /** The repository's pulp_type (hrefs of a version are under its repository's type). */
  pulpType: string;
  number: number;
  baseVersionId: string | null;
  checkpoint: boolean;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** Unit counts of a version, per content type. */
export interface ContentCounts {
  added: Record<string, number>;
  removed: Record<string, number>;
  present: Record<string, number>;
}
