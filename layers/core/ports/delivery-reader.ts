import type { Distribution } from '../models/distribution';

/** What the content app needs to answer `/pulp/content/<base_path>/<relative_path>`. */

/** The version a distribution serves content of, directly or through a publication. */
export interface ServedVersion {
  id: string;
  repositoryId: string;
  number: number;
}

/**
 * What a distribution serves, as its type decides: a publication (its own files, then the
 * version's content if it passes through) or a repository version's content directly.
 * Both are immutable, so everything found under one stays true for as long as it exists.
 */
export type ServedSource =
  | { kind: 'publication'; publicationId: string; passThrough: boolean; version: ServedVersion }
  | { kind: 'version'; version: ServedVersion };

/** A key naming a source: `p:<publication id>` or `v:<version id>`. */
export const sourceKey = (source: ServedSource): string =>
  source.kind === 'publication' ? `p:${source.publicationId}` : `v:${source.version.id}`;

export interface Resolved {
  distribution: Distribution;
  /** What it serves now; null when it serves nothing yet. */
  source: ServedSource | null;
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
  findFile(source: ServedSource, relativePath: string): Promise<PublishedFile | undefined>;
  /** Entries directly under `dirPath` ('' for the root, else ending in '/'). */
  listDirectory(source: ServedSource, dirPath: string): Promise<DirectoryEntry[]>;
}
