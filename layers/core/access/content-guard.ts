import type { Found, Ordering, Window } from '../models/page';
import type { TextMatch } from '../text-match';
import type { ObjectScope } from './route-access';

export type GuardPulpType = 'core.rbac' | 'core.header' | 'core.content_redirect' | 'core.composite';

/** Pulp's content guards: what a distribution asks before serving anything. */
export interface ContentGuard {
  id: string;
  pulpType: GuardPulpType;
  name: string;
  description: string | null;
  /** Header guards: the header, the value it must carry (base64 in the request), an optional jq path. */
  headerName: string | null;
  headerValue: string | null;
  jqFilter: string | null;
  /** Composite guards: the member guards' ids, in order. */
  guards: string[];
  pulpCreated: string;
  pulpLastUpdated: string;
}

export type NewGuard = Omit<ContentGuard, 'id' | 'pulpCreated' | 'pulpLastUpdated'>;
export type GuardPatch = Partial<Omit<NewGuard, 'pulpType'>>;

export interface GuardFilter {
  pulpType?: GuardPulpType;
  name?: TextMatch;
  ids?: string[];
  scope?: ObjectScope;
  ordering?: Ordering;
}

export interface GuardStore {
  list(filter: GuardFilter, window: Window): Promise<Found<ContentGuard>>;
  get(id: string): Promise<ContentGuard | undefined>;
  nameTaken(name: string, exceptId?: string): Promise<boolean>;
  create(id: string, guard: NewGuard): Promise<ContentGuard>;
  update(id: string, patch: GuardPatch): Promise<ContentGuard | undefined>;
  delete(id: string): Promise<boolean>;
}
