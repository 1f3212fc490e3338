import type { ObjectScope } from '../access/route-access';
import type { LabelTerm } from '../labels/label-select';
import type { Found, Ordering, Window } from '../models/page';
import type { Remote, RemoteAttributes } from '../models/remote';
import type { TextMatch } from '../text-match';

export interface RemoteFilter {
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
  ids?: string[];
  pulpType?: string;
  name?: TextMatch;
  labels?: LabelTerm[];
  ordering?: Ordering;
}

export type RemoteValues = RemoteAttributes & { extra: Record<string, unknown> };

export interface RemoteStore {
  insert(id: string, pulpType: string, values: RemoteValues): Promise<Remote>;
  get(id: string): Promise<Remote | undefined>;
  nameTaken(name: string, exceptId?: string): Promise<boolean>;
  list(filter: RemoteFilter, window: Window): Promise<Found<Remote>>;
  update(id: string, changes: Partial<RemoteValues>): Promise<Remote | undefined>;
  delete(id: string): Promise<boolean>;
}
