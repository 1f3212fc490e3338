import type { ObjectScope } from '../access/route-access';
import type { LabelTerm } from '../labels/label-select';
import type { ContentUnit, NewContentUnit, NewRemoteArtifact, VersionUnit } from '../models/content';
import type { Found, Ordering, Window } from '../models/page';
import type { FieldCondition } from './field-condition';

export interface VersionRef {
  repositoryId: string;
  number: number;
}

export interface ContentFilter {
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
  /** Only units of this type (a typed list); every type when absent (the generic list). */
  pulpType?: string;
  pulpTypes?: string[];
  ids?: string[];
  conditions?: FieldCondition[];
  /** In version `number` of the repository (or added / removed in it). */
  inVersion?: VersionRef;
  addedIn?: VersionRef;
  removedIn?: VersionRef;
  labels?: LabelTerm[];
  ordering?: Ordering;
}

export interface ContentStore {
  /** Insert-or-get by each type's natural key, in a few statements per batch; attaches artifacts. */
  ensure(units: NewContentUnit[]): Promise<ContentUnit[]>;
  get(id: string): Promise<ContentUnit | undefined>;
  /** Rewrites some of a unit's own fields in place (not its natural key): metadata repairs. */
  updateFields(pulpType: string, id: string, fields: Record<string, unknown>): Promise<void>;
  setLabels(id: string, labels: Record<string, string>): Promise<void>;
  list(filter: ContentFilter, window: Window): Promise<Found<ContentUnit>>;
  /** Version rules' view of these units; ids that name no content are left out. */
  versionUnits(ids: string[]): Promise<VersionUnit[]>;
  addRemoteArtifacts(items: NewRemoteArtifact[]): Promise<void>;
  /** Content in no repository and older (interest-wise) than `before`; optionally restricted. */
  orphanIds(before: Date, restrictTo?: string[]): Promise<string[]>;
  deleteMany(ids: string[]): Promise<void>;
  /** Artifacts no content uses, older (interest-wise) than `before`: ids and sha256. */
  orphanArtifacts(before: Date): Promise<Array<{ id: string; sha256: string }>>;
  deleteArtifacts(ids: string[]): Promise<void>;
  /** Attaches a fetched artifact to content that had none (on-demand delivery). */
  attachArtifact(contentArtifactId: string, artifactId: string): Promise<void>;
  markRemoteArtifactFailed(remoteArtifactId: string): Promise<void>;
}
