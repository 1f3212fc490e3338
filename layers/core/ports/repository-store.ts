import type { ObjectScope } from '../access/route-access';
import type { LabelTerm } from '../labels/label-select';
import type { Found, Ordering, Window } from '../models/page';
import type { Repository } from '../models/repository';
import type { TextMatch } from '../text-match';

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
  extra: Record<string, unknown>;
}

export type RepositoryPatch = Partial<Omit<NewRepository, 'id' | 'pulpType'>> & {
  lastSyncDetails?: Record<string, unknown>;
};

export interface RepositoryFilter {
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
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
}
