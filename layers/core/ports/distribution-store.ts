import type { ObjectScope } from '../access/route-access';
import type { LabelTerm } from '../labels/label-select';
import type { Distribution, DistributionAttributes } from '../models/distribution';
import type { Found, Ordering, Window } from '../models/page';
import type { TextMatch } from '../text-match';

export interface NewDistribution extends DistributionAttributes {
  id: string;
  pulpType: string;
}

export type DistributionPatch = Partial<Omit<NewDistribution, 'id' | 'pulpType'>>;

export interface DistributionFilter {
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
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
  /** When the served content last changed: the newest of the served version / publication. */
  lastContentChange(d: Distribution): Promise<string | null>;
}
