import type { LabelTerm } from '../../../core/labels/label-select';
import type { TextMatch as TextFilter } from '../../../core/text-match';
import type { Remote, RemoteAttributes } from './remote';

export interface RemoteFilter {
  name?: TextFilter;
  /** Already-parsed `pulp_label_select` terms. */
  labelSelect?: LabelTerm[];
  ids?: string[];
  ordering?: string[];
}


/** Where remotes live (Postgres). */
export interface RemoteStore {
  insert(id: string, pulpType: string, attributes: RemoteAttributes): Promise<Remote>;
  get(id: string): Promise<Remote | undefined>;
  findByName(name: string): Promise<Remote | undefined>;
  list(filter: RemoteFilter, window: { limit: number; offset: number }): Promise<{ count: number; results: Remote[] }>;
  /** Returns the updated remote, or undefined if it is gone. */
  update(id: string, changes: Partial<RemoteAttributes>): Promise<Remote | undefined>;
  delete(id: string): Promise<boolean>;
}

/** A duplicate name (the unique constraint), reported as Pulp's 400 on `name`. */
export class RemoteNameTaken extends Error {
  constructor(readonly remoteName: string) {
    super(`A remote named "${remoteName}" already exists.`);
    this.name = 'RemoteNameTaken';
  }
}
