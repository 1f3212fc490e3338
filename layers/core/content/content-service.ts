import type { ContentUnit, NewContentUnit, NewRemoteArtifact } from '../models/content';
import type { Found, Window } from '../models/page';
import type { ContentFilter, ContentStore } from '../ports/content-store';

/** Content units of every type: insert-or-get by each type's natural key, reused whenever they reappear. */
export class ContentService {
  constructor(private readonly store: ContentStore) {}

  /** The unit with the same natural key if there is one (its artifact attached if it had none), else a new one. */
  async ensureOne(unit: NewContentUnit): Promise<ContentUnit> {
    const [content] = await this.store.ensure([unit]);
    return content!;
  }

  /** The same in bulk (sync): a few statements per thousand units. */
  ensure(units: NewContentUnit[]): Promise<ContentUnit[]> {
    return this.store.ensure(units);
  }

  /** Records where remotes offer the units' files (on-demand delivery, repair). */
  addRemoteArtifacts(items: NewRemoteArtifact[]): Promise<void> {
    return this.store.addRemoteArtifacts(items);
  }

  /** Rewrites fields of a unit that are not part of its natural key (pulp_python's repair_metadata). */
  updateFields(pulpType: string, id: string, fields: Record<string, unknown>): Promise<void> {
    return this.store.updateFields(pulpType, id, fields);
  }

  get(id: string): Promise<ContentUnit | undefined> {
    return this.store.get(id);
  }

  list(filter: ContentFilter, window: Window): Promise<Found<ContentUnit>> {
    return this.store.list(filter, window);
  }
}
