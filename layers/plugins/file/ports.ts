import type { LabelTerm } from '../../core/labels/label-select';
import type { TextMatch } from '../../core/text-match';
import type {
  DistributionAttributes,
  Artifact,
  ArtifactDigests,
  Distribution,
  FileContent,
  Publication,
  PublishedMetadata,
  Repository,
  RepositoryVersion,
  Upload,
} from './model';
import type { PathUnit } from './path-rules';

/** Persistence ports of the file plugin; the Postgres adapters implement them. */

export interface Window {
  limit: number;
  offset: number;
}
export interface Found<T> {
  count: number;
  results: T[];
}
export type { TextMatch };
export interface DateRange {
  gte?: Date;
  lte?: Date;
  gt?: Date;
  lt?: Date;
}
/** A column and its direction, already checked against the allowed names. */
export type Ordering = Array<{ field: string; desc: boolean }>;

export interface ArtifactFilter {
  ids?: string[];
  digests?: Partial<Record<'sha256' | 'md5' | 'sha1' | 'sha224' | 'sha384' | 'sha512', string>>;
  ordering?: Ordering;
}

export interface ArtifactStore {
  /** Inserts, or returns the row with that sha256 (its orphan protection renewed). */
  ensure(digests: ArtifactDigests): Promise<Artifact>;
  get(id: string): Promise<Artifact | undefined>;
  bySha256(sha256: string): Promise<Artifact | undefined>;
  list(filter: ArtifactFilter, window: Window): Promise<Found<Artifact>>;
  isUsed(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
}

export interface UploadStore {
  insert(id: string, size: number): Promise<Upload>;
  get(id: string): Promise<Upload | undefined>;
  list(window: Window): Promise<Found<Upload>>;
  /** Records a chunk (replacing one at the same offset) and returns the old key if any. */
  putChunk(id: string, chunk: { offset: number; size: number; storageKey: string }): Promise<string | undefined>;
  chunkKeys(id: string): Promise<Array<{ offset: number; size: number; storageKey: string }>>;
  markCompleted(id: string): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface NewFileContent {
  relativePath: string;
  sha256: string;
  size: number | null;
  artifactId: string | null;
  pulpLabels?: Record<string, string>;
}

export interface ContentFilter {
  ids?: string[];
  relativePath?: TextMatch;
  sha256?: string;
  /** In version `number` of the repository (or added / removed in it). */
  inVersion?: { repositoryId: string; number: number };
  addedIn?: { repositoryId: string; number: number };
  removedIn?: { repositoryId: string; number: number };
  labels?: LabelTerm[];
  ordering?: Ordering;
}

export interface NewRemoteArtifact {
  contentId: string;
  remoteId: string;
  url: string;
  sha256: string | null;
  size: number | null;
}

export interface ContentStore {
  /** Insert-or-get by (relative_path, sha256), in one statement per batch; attaches artifacts. */
  ensure(units: NewFileContent[]): Promise<FileContent[]>;
  get(id: string): Promise<FileContent | undefined>;
  /** Path units for ids of file content; ids that are not file content are left out. */
  pathUnits(ids: string[]): Promise<PathUnit[]>;
  list(filter: ContentFilter, window: Window): Promise<Found<FileContent>>;
  addRemoteArtifacts(items: NewRemoteArtifact[]): Promise<void>;
  /** Content in no repository and older (interest-wise) than `before`; optionally restricted. */
  orphanIds(before: Date, restrictTo?: string[]): Promise<string[]>;
  deleteMany(ids: string[]): Promise<void>;
  /** Artifacts no content uses, older (interest-wise) than `before`: ids and sha256. */
  orphanArtifacts(before: Date): Promise<Array<{ id: string; sha256: string }>>;
  deleteArtifacts(ids: string[]): Promise<void>;
}

export interface NewRepository {
  id: string;
  pulpType: string;
  name: string;
  description: string | null;
  pulpLabels: Record<string, string>;
  retainRepoVersions: number | null;
  retainCheckpoints: number | null;
  remoteId: string | null;
  autopublish: boolean;
  manifest: string | null;
}

export type RepositoryPatch = Partial<Omit<NewRepository, 'id' | 'pulpType'>> & {
  lastSyncDetails?: Record<string, unknown>;
};

export interface RepositoryFilter {
  ids?: string[];
  pulpType?: string;
  name?: TextMatch;
  remoteId?: string | null;
  labels?: LabelTerm[];
  ordering?: Ordering;
}

export interface RepositoryStore {
  /** Inserts the repository and its version 0. */
  insert(repo: NewRepository): Promise<Repository>;
  get(id: string): Promise<Repository | undefined>;
  /** Row-locks the repository for the rest of the transaction. */
  lock(id: string): Promise<Repository | undefined>;
  list(filter: RepositoryFilter, window: Window): Promise<Found<Repository>>;
  update(id: string, patch: RepositoryPatch): Promise<Repository | undefined>;
  delete(id: string): Promise<boolean>;
  nameTaken(name: string, exceptId?: string): Promise<boolean>;
  remoteExists(id: string): Promise<boolean>;
}

export interface VersionFilter {
  repositoryId?: string;
  ids?: string[];
  number?: number;
  numberRange?: { gte?: number; lte?: number; gt?: number; lt?: number };
  /** Versions that contain all of these content units. */
  containsContent?: string[];
  /** Versions that contain any of these. */
  containsAnyContent?: string[];
  created?: DateRange;
  ordering?: Ordering;
}

export interface ContentCounts {
  added: number;
  removed: number;
  present: number;
}

export interface VersionStore {
  /** Allocates the next number and inserts the version row (caller holds the repo lock). */
  insert(repositoryId: string, baseVersionId: string | null): Promise<RepositoryVersion>;
  get(repositoryId: string, number: number): Promise<RepositoryVersion | undefined>;
  byId(id: string): Promise<RepositoryVersion | undefined>;
  latest(repositoryId: string): Promise<RepositoryVersion>;
  list(filter: VersionFilter, window: Window): Promise<Found<RepositoryVersion>>;
  /** Path units present in the version. */
  units(repositoryId: string, number: number): Promise<PathUnit[]>;
  contentIds(repositoryId: string, number: number): Promise<string[]>;
  /** Every file of the version with its sha256 and size (publishing). */
  files(repositoryId: string, number: number): Promise<Array<{ relativePath: string; sha256: string; size: number }>>;
  /** Stored artifacts of the version's content (repair). */
  artifacts(repositoryId: string, number: number): Promise<Array<{ id: string; sha256: string; size: number }>>;
  /** Writes the delta of `number` against the open membership rows. */
  applyDelta(repositoryId: string, number: number, add: string[], remove: string[]): Promise<void>;
  counts(repositoryId: string, number: number): Promise<ContentCounts>;
  /** Deletes the version, squashing its changes into the next one (Pulp's way). */
  delete(repositoryId: string, number: number): Promise<void>;
  /** Ids of the repository's versions served by a distribution, directly or by a publication. */
  servedVersionIds(repositoryId: string): Promise<Set<string>>;
  count(repositoryId: string): Promise<number>;
}

export interface NewPublication {
  id: string;
  pulpType: string;
  repositoryVersionId: string;
  manifest: string | null;
  passThrough: boolean;
  checkpoint: boolean;
  metadata: PublishedMetadata[];
}

export interface PublicationFilter {
  ids?: string[];
  repositoryId?: string;
  repositoryVersionId?: string;
  /** Publications whose version holds any of these units. */
  contentIn?: string[];
  created?: DateRange;
  ordering?: Ordering;
}

export interface PublicationStore {
  /** Inserts the publication with its metadata, complete. */
  insert(p: NewPublication): Promise<Publication>;
  get(id: string): Promise<Publication | undefined>;
  list(filter: PublicationFilter, window: Window): Promise<Found<Publication>>;
  delete(id: string): Promise<boolean>;
  distributionIds(publicationId: string): Promise<string[]>;
  metadata(publicationId: string): Promise<PublishedMetadata[]>;
}

export interface NewDistribution extends DistributionAttributes {
  id: string;
  pulpType: string;
}

export type DistributionPatch = Partial<Omit<NewDistribution, 'id' | 'pulpType'>>;

export interface DistributionFilter {
  ids?: string[];
  pulpType?: string;
  name?: TextMatch;
  basePath?: TextMatch;
  repositoryId?: string;
  labels?: LabelTerm[];
  ordering?: Ordering;
}

export interface DistributionStore {
  insert(d: NewDistribution): Promise<Distribution>;
  get(id: string): Promise<Distribution | undefined>;
  list(filter: DistributionFilter, window: Window): Promise<Found<Distribution>>;
  update(id: string, patch: DistributionPatch): Promise<Distribution | undefined>;
  delete(id: string): Promise<boolean>;
  /** Base paths equal to, inside, or containing `basePath` (other than `exceptId`'s). */
  conflictingBasePaths(basePath: string, exceptId?: string): Promise<string[]>;
  nameTaken(name: string, exceptId?: string): Promise<boolean>;
  /** The distribution whose base_path is the longest prefix (by segments) of `path`. */
  longestMatch(path: string): Promise<Distribution | undefined>;
  /** When the served content last changed: the newest of the served version / publication. */
  lastContentChange(d: Distribution): Promise<string | null>;
}

/** Everything the file plugin stores, bound to one connection or transaction. */
export interface FileStores {
  artifacts: ArtifactStore;
  uploads: UploadStore;
  content: ContentStore;
  repositories: RepositoryStore;
  versions: VersionStore;
  publications: PublicationStore;
  distributions: DistributionStore;
}

export interface FileData extends FileStores {
  /** Runs `fn` in one transaction; a throw rolls every write back. */
  transaction<T>(fn: (tx: FileStores) => Promise<T>): Promise<T>;
}
