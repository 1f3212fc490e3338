import { newId } from '../ids';
import type { Found, Window } from '../models/page';
import type { Repository } from '../models/repository';
import type { CoreData } from '../ports/core-data';
import type { NewRepository, RepositoryFilter, RepositoryPatch } from '../ports/repository-store';

/** Repositories of every type: created at once (Pulp answers 201), changed and deleted in tasks. */
export class RepositoryService {
  constructor(private readonly data: CoreData) {}

  get(id: string): Promise<Repository | undefined> {
    return this.data.repositories.get(id);
  }

  list(filter: RepositoryFilter, window: Window): Promise<Found<Repository>> {
    return this.data.repositories.list(filter, window);
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return this.data.repositories.nameTaken(name, exceptId);
  }

  /** A new repository with its empty version 0. */
  create(repository: Omit<NewRepository, 'id'>): Promise<Repository> {
    return this.data.repositories.insert({ id: newId(), ...repository });
  }

  update(id: string, patch: RepositoryPatch): Promise<Repository | undefined> {
    return this.data.repositories.update(id, patch);
  }

  /** Deletes the repository with its versions (content stays until orphan cleanup). */
  delete(id: string): Promise<boolean> {
    return this.data.transaction((tx) => tx.repositories.delete(id));
  }

  /** What a sync records for `optimize` to compare against next time. */
  async setLastSyncDetails(id: string, details: Record<string, unknown>): Promise<void> {
    await this.data.repositories.update(id, { lastSyncDetails: details });
  }
}
