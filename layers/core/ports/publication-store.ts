import type { ObjectScope } from '../access/route-access';
import type { DateRange, Found, Ordering, Window } from '../models/page';
import type { Publication, PublishedMetadata } from '../models/publication';

export interface NewPublication {
  id: string;
  pulpType: string;
  repositoryVersionId: string;
  passThrough: boolean;
  checkpoint: boolean;
  extra: Record<string, unknown>;
  metadata: PublishedMetadata[];
}

export interface PublicationFilter {
  /** What the asking user may see (absent: everything). */
  scope?: ObjectScope;
  ids?: string[];
  pulpType?: string;
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
