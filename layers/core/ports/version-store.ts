import type { ObjectScope } from '../access/route-access';
import type { VersionUnit } from '../models/content';
import type { DateRange, Found, NumberRange, Ordering, Window } from '../models/page';
import type { ContentCounts, RepositoryVersion } from '../models/repository';

export interface VersionFilter {
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
  repositoryId?: string;
  ids?: string[];
  number?: number;
  numberRange?: NumberRange;
  /** Versions that contain all of these content units. */
  containsContent?: string[];
  /** Versions that contain any of these. */
  containsAnyContent?: string[];
  created?: DateRange;
  ordering?: Ordering;
}

export interface VersionStore {
  /** Allocates the next number and inserts the version row (caller holds the repo lock). */
  insert(repositoryId: string, baseVersionId: string | null): Promise<RepositoryVersion>;
  get(repositoryId: string, number: number): Promise<RepositoryVersion | undefined>;
  byId(id: string): Promise<RepositoryVersion | undefined>;
  latest(repositoryId: string): Promise<RepositoryVersion>;
  list(filter: VersionFilter, window: Window): Promise<Found<RepositoryVersion>>;
  /** The version's units as version rules see them. */
  units(repositoryId: string, number: number): Promise<VersionUnit[]>;
  contentIds(repositoryId: string, number: number): Promise<string[]>;
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
