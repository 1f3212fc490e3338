import type { Distribution, Publication } from '../model';

/** What the content app needs to answer `/pulp/content/<base_path>/<relative_path>`. */

export interface Resolved {
  distribution: Distribution;
  /** Explicit publication, else the latest of repository_version / repository; null if none. */
  publication: Publication | null;
  /** The rest of the path after `<base_path>/` (no leading slash; '' for the root). */
  relativePath: string;
}

export interface RemoteSource {
  id: string;
  remoteId: string;
  url: string;
  sha256: string | null;
  size: number | null;
  failedAt: string | null;
  policy: 'immediate' | 'on_demand' | 'streamed';
}

export type PublishedFile =
  | { kind: 'metadata'; relativePath: string; storageKey: string; sha256: string; size: number }
  | { kind: 'artifact'; relativePath: string; contentArtifactId: string; sha256: string; size: number }
  | { kind: 'remote'; relativePath: string; contentArtifactId: string; sha256: string; size: number | null; remotes: RemoteSource[] };

export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
  size: number | null;
  modified: string;
}

export interface DeliveryReader {
  /** Base paths of the distributions that are not hidden, sorted. */
  listBasePaths(): Promise<Array<{ basePath: string; name: string }>>;
  /** `path` is what follows `/pulp/content/`, decoded. */
  resolve(path: string): Promise<Resolved | undefined>;
  findFile(publicationId: string, relativePath: string): Promise<PublishedFile | undefined>;
  /** Entries directly under `dirPath` ('' for the root, else ending in '/'). */
  listDirectory(publicationId: string, dirPath: string): Promise<DirectoryEntry[]>;
  attachArtifact(contentArtifactId: string, artifactId: string): Promise<void>;
  markRemoteArtifactFailed(remoteArtifactId: string): Promise<void>;
}
