/** A publication of one repository version; `extra` holds its plugin's fields. */
export interface Publication {
  id: string;
  pulpType: string;
  repositoryVersionId: string;
  repositoryId: string;
  /** The pulp_type of the published repository (its version's href depends on it). */
  repositoryType: string;
  versionNumber: number;
  passThrough: boolean;
  checkpoint: boolean;
  complete: boolean;
  extra: Record<string, unknown>;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** A file a publication wrote itself (an index, a manifest), stored under `storageKey`. */
export interface PublishedMetadata {
  relativePath: string;
  sha256: string;
  size: number;
  storageKey: string;
}
