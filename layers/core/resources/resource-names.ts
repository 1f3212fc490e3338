import { isUuid } from '../ids';

/** A collection of objects in the API: its href prefix and the model its PRNs name. */
export interface Collection {
  /** `/pulp/api/v3/repositories/file/file/` */
  prefix: string;
  /** `file.filerepository`, as in `prn:file.filerepository:<uuid>` */
  model: string;
}

/** Core's own collections; plugins add theirs when the app is built. */
export const CORE_COLLECTIONS: readonly Collection[] = [
  { prefix: '/pulp/api/v3/tasks/', model: 'core.task' },
  { prefix: '/pulp/api/v3/task-groups/', model: 'core.taskgroup' },
  { prefix: '/pulp/api/v3/workers/', model: 'core.worker' },
  { prefix: '/pulp/api/v3/artifacts/', model: 'core.artifact' },
  { prefix: '/pulp/api/v3/uploads/', model: 'core.upload' },
];

/** PRN model of every repository version, whatever the repository's type. */
export const VERSION_MODEL = 'core.repositoryversion';

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const PRN = /^prn:([a-z0-9_]+\.[a-z0-9_]+):([0-9a-fA-F-]{36})$/;

export interface ParsedVersion {
  /** Present for an href: the repository and the number. */
  repositoryPrefix?: string;
  repositoryId?: string;
  number?: number;
  /** Present for a PRN: the version's own id. */
  versionId?: string;
}

/**
 * Hrefs and Pulp Resource Names of the installed collections, both ways. Reservations are
 * recorded as PRNs, hrefs are what clients send; pulp-cli filters by either.
 */
export class ResourceNames {
  private readonly byPrefix = new Map<string, Collection>();
  private readonly byModel = new Map<string, Collection>();

  constructor(collections: readonly Collection[]) {
    for (const c of [...CORE_COLLECTIONS, ...collections]) {
      this.byPrefix.set(c.prefix, c);
      this.byModel.set(c.model, c);
    }
  }

  href(prefix: string, id: string): string {
    return `${prefix}${id}/`;
  }

  prn(model: string, id: string): string {
    return `prn:${model}:${id}`;
  }

  /** `prn:<model>:<uuid>` of an object href; undefined for anything else (sub-resources too). */
  hrefToPrn(href: string): string | undefined {
    if (href.startsWith('prn:') || href.startsWith('pdrn:')) return href;
    const m = new RegExp(`^(/pulp/api/v3/.*/)${UUID}/$`).exec(href);
    const collection = m && this.byPrefix.get(m[1]!);
    return collection ? this.prn(collection.model, m[2]!.toLowerCase()) : undefined;
  }

  prnToHref(prn: string): string | undefined {
    const m = PRN.exec(prn);
    const collection = m && this.byModel.get(m[1]!);
    return collection && isUuid(m[2]!) ? this.href(collection.prefix, m[2]!.toLowerCase()) : undefined;
  }

  /** The id an href or PRN names if it is an object of one of `prefixes`. */
  idIn(prefixes: readonly string[], value: string): string | undefined {
    const href = value.startsWith('prn:') ? this.prnToHref(value) : value;
    if (!href) return undefined;
    for (const prefix of prefixes) {
      if (!href.startsWith(prefix)) continue;
      const m = new RegExp(`^${UUID}/$`).exec(href.slice(prefix.length));
      if (m) return m[1]!.toLowerCase();
    }
    return undefined;
  }

  /** A repository version by href (`{repo}versions/<n>/`, under one of `repositoryPrefixes`) or PRN. */
  version(repositoryPrefixes: readonly string[], value: string): ParsedVersion | undefined {
    const prn = PRN.exec(value);
    if (prn) return prn[1] === VERSION_MODEL && isUuid(prn[2]!) ? { versionId: prn[2]!.toLowerCase() } : undefined;
    for (const prefix of repositoryPrefixes) {
      if (!value.startsWith(prefix)) continue;
      const m = new RegExp(`^${UUID}/versions/(\\d{1,10})/$`).exec(value.slice(prefix.length));
      // Version numbers are a Postgres integer: a bigger one cannot name a version.
      if (m && Number(m[2]) <= 2147483647) return { repositoryPrefix: prefix, repositoryId: m[1]!.toLowerCase(), number: Number(m[2]) };
    }
    return undefined;
  }
}
