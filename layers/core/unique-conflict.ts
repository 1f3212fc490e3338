/**
 * Another object already has this value in a unique field (a name, a base_path). Raised by
 * the storage adapters when the database's unique index refuses a write, so a race between
 * two requests ends in Pulp's 400 "This field must be unique." rather than a 500.
 */
export class UniqueConflict extends Error {
  constructor(readonly field: string) {
    super(`${field}: This field must be unique.`);
    this.name = 'UniqueConflict';
  }
}
