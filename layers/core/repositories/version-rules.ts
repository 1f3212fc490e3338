import type { VersionUnit } from '../models/content';
import type { Repository } from '../models/repository';

/** What a repository version must satisfy beyond the generic rules; supplied by the plugins' declarations. */
export interface VersionRules {
  /** A type's repository key field names, for messages. */
  keyNames(pulpType: string): string;
  /** Whether a repository of `repositoryType` may hold content of `contentType`. */
  accepts(repositoryType: string, contentType: string): boolean;
  /** Type- and repository-specific checks of the planned content; a message refuses the version. */
  check(repository: Repository, units: VersionUnit[], replaced: Array<{ old: VersionUnit; new: VersionUnit }>): string | undefined;
}
