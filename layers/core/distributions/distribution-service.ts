import { newId } from '../ids';
import type { Distribution, DistributionAttributes } from '../models/distribution';
import type { CoreData, CoreStores } from '../ports/core-data';
import type { DistributionPatch } from '../ports/distribution-store';

/** Invalid distribution input: `{field: [message]}` for the client. */
export class DistributionInvalid extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super(Object.values(errors).flat().join(' '));
  }
}

export type DistributionInput = DistributionAttributes;

const BASE_PATH = /^[^/](?:.*[^/])?$/;
/** Characters a URL path cannot carry literally (or that the content app decodes): such a base path could never be reached. */
const UNREACHABLE = /[?#%\\\s\u0000-\u001f\u007f]/;

/** Distributions: where a repository / version / publication is served, by base_path. */
export class DistributionService {
  constructor(private readonly data: CoreData) {}

  /**
   * Checks a distribution's final state; runs inside the task, under the base_path lock.
   * `data` is the caller's transaction when there is one: reads must see what it sees.
   */
  async validate(d: DistributionInput, exceptId?: string, data: CoreStores = this.data): Promise<void> {
    const errors: Record<string, string[]> = {};
    if (!BASE_PATH.test(d.basePath) || d.basePath.split('/').some((s) => s === '' || s === '.' || s === '..'))
      errors.base_path = ['Relative path can\'t start or end with "/" nor contain empty, "." or ".." segments.'];
    else if (UNREACHABLE.test(d.basePath))
      errors.base_path = ['The base path must not contain whitespace, control characters, "?", "#", "%" or "\\".'];
    else {
      const clashes = await data.distributions.conflictingBasePaths(d.basePath, exceptId);
      if (clashes.length) errors.base_path = [`Overlaps with existing distribution base_path: ${clashes.join(', ')}.`];
    }
    if (await data.distributions.nameTaken(d.name, exceptId)) errors.name = ['This field must be unique.'];
    const served = [d.repositoryId, d.repositoryVersionId, d.publicationId].filter((x) => x !== null).length;
    if (served > 1)
      errors.non_field_errors = [
        "Only one of the attributes 'repository', 'repository_version' and 'publication' may be used simultaneously.",
      ];
    if (Object.keys(errors).length) throw new DistributionInvalid(errors);
  }

  get(id: string): Promise<Distribution | undefined> {
    return this.data.distributions.get(id);
  }

  async create(pulpType: string, d: DistributionInput): Promise<Distribution> {
    return this.data.transaction(async (tx) => {
      await this.validate(d, undefined, tx);
      return tx.distributions.insert({ id: newId(), pulpType, ...d });
    });
  }

  async update(id: string, patch: DistributionPatch): Promise<Distribution> {
    return this.data.transaction(async (tx) => {
      const current = await tx.distributions.get(id);
      if (!current) throw new DistributionInvalid({ detail: ['Not found.'] });
      const next = { ...current, ...patch };
      await this.validate(next, id, tx);
      return (await tx.distributions.update(id, patch))!;
    });
  }

  delete(id: string): Promise<boolean> {
    return this.data.distributions.delete(id);
  }
}
