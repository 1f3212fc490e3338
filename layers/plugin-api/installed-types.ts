import type { VersionUnit } from '../core/models/content';
import type { Repository } from '../core/models/repository';
import type { ContentStorage } from '../core/ports/content-storage';
import type { VersionRules } from '../core/repositories/version-rules';
import { VERSION_MODEL, type Collection } from '../core/resources/resource-names';
import type { ComponentVersion } from '../core/status/versions';
import type { ContentTypeDefinition } from './definitions/content-type';
import { deriveNames, type DerivedNames, type ObjectKind } from './definitions/naming';
import type {
  DistributionTypeDefinition,
  PublicationTypeDefinition,
  RemoteTypeDefinition,
  RepositoryTypeDefinition,
} from './definitions/object-types';
import type { PluginDefinition } from './definitions/plugin-definition';
import type { TypeHrefs } from './definitions/type-hrefs';
import { groupBy } from '../core/group-by';

/** A declared type with the API names derived from it. */
export interface Installed<D> {
  definition: D;
  names: DerivedNames;
  plugin: PluginDefinition;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

class Kind<D extends { pulpType: string }> {
  readonly all: Installed<D>[] = [];
  private readonly byType = new Map<string, Installed<D>>();

  constructor(readonly kind: ObjectKind) {}

  add(plugin: PluginDefinition, definition: D & Parameters<typeof deriveNames>[1]): void {
    if (this.byType.has(definition.pulpType)) throw new Error(`Two ${this.kind} types are named ${definition.pulpType}`);
    const entry = { definition, names: deriveNames(this.kind, definition), plugin };
    this.all.push(entry);
    this.byType.set(definition.pulpType, entry);
  }

  get(pulpType: string): Installed<D> {
    const entry = this.byType.get(pulpType);
    if (!entry) throw new Error(`No ${this.kind} type ${pulpType} is installed`);
    return entry;
  }

  find(pulpType: string): Installed<D> | undefined {
    return this.byType.get(pulpType);
  }

  endpoints(): string[] {
    return this.all.map((e) => e.names.endpoint);
  }
}

/**
 * The types every installed plugin declares, checked once when the app is built and looked up
 * by pulp_type from then on: the API builds its endpoints from them, the adapters their SQL,
 * the version service its rules.
 */
export class InstalledTypes {
  readonly content = new Kind<ContentTypeDefinition>('content');
  readonly repositories = new Kind<RepositoryTypeDefinition>('repositories');
  readonly remotes = new Kind<RemoteTypeDefinition>('remotes');
  readonly publications = new Kind<PublicationTypeDefinition>('publications');
  readonly distributions = new Kind<DistributionTypeDefinition>('distributions');

  constructor(readonly plugins: readonly PluginDefinition[]) {
    const names = new Set<string>();
    for (const plugin of plugins) {
      if (names.has(plugin.name)) throw new Error(`Two plugins are named ${plugin.name}`);
      names.add(plugin.name);
      for (const t of plugin.contentTypes) {
        checkStorage(t);
        this.content.add(plugin, t);
      }
      for (const t of plugin.repositoryTypes) this.repositories.add(plugin, t);
      for (const t of plugin.remoteTypes) this.remotes.add(plugin, t);
      for (const t of plugin.publicationTypes) this.publications.add(plugin, t);
      for (const t of plugin.distributionTypes) this.distributions.add(plugin, t);
    }
    for (const r of this.repositories.all) {
      for (const c of r.definition.contentTypes) this.content.get(c);
      for (const t of r.definition.remoteTypes) this.remotes.get(t);
      if (r.definition.publicationType) this.publications.get(r.definition.publicationType);
    }
    for (const d of this.distributions.all) {
      this.repositories.get(d.definition.repositoryType);
      if (d.definition.publicationType) this.publications.get(d.definition.publicationType);
    }
  }

  /** How each content type is stored, for the content adapter. */
  contentStorage(): ContentStorage[] {
    return this.content.all.map(({ definition: d }) => ({
      pulpType: d.pulpType,
      table: d.table,
      columns: d.columns,
      naturalKey: d.naturalKey,
      repositoryKey: d.repositoryKey,
    }));
  }

  /** Every typed collection, for hrefs ↔ PRNs. */
  collections(): Collection[] {
    return [this.content, this.repositories, this.remotes, this.publications, this.distributions].flatMap((k) =>
      (k.all as Installed<{ pulpType: string }>[]).map((e) => ({ prefix: e.names.endpoint, model: e.names.model })),
    );
  }

  /** Status components of the plugins (core's own is added by the status service). */
  components(): ComponentVersion[] {
    return this.plugins.map((p) => ({ component: p.name, version: p.version, package: p.package, module: p.module, domain_compatible: true }));
  }

  hrefs(): TypeHrefs {
    const href = (kind: Kind<{ pulpType: string }>, pulpType: string, id: string) => `${kind.get(pulpType).names.endpoint}${id}/`;
    return {
      repository: (t, id) => href(this.repositories, t, id),
      version: (t, repoId, n) => `${href(this.repositories, t, repoId)}versions/${n}/`,
      versionPrn: (id) => `prn:${VERSION_MODEL}:${id}`,
      remote: (t, id) => href(this.remotes, t, id),
      content: (t, id) => href(this.content, t, id),
      publication: (t, id) => href(this.publications, t, id),
      distribution: (t, id) => href(this.distributions, t, id),
      artifact: (id) => `/pulp/api/v3/artifacts/${id}/`,
      upload: (id) => `/pulp/api/v3/uploads/${id}/`,
      task: (id) => `/pulp/api/v3/tasks/${id}/`,
      prn: (kind, t, id) => `prn:${this.kind(kind).get(t).names.model}:${id}`,
    };
  }

  kind(kind: ObjectKind): Kind<{ pulpType: string }> {
    const kinds = { content: this.content, repositories: this.repositories, remotes: this.remotes, publications: this.publications, distributions: this.distributions };
    return kinds[kind] as unknown as Kind<{ pulpType: string }>;
  }

  /** The version rules the plugins declare. */
  versionRules(): VersionRules {
    return {
      keyNames: (pulpType) => this.content.get(pulpType).definition.repositoryKey.join(', '),
      accepts: (repositoryType, contentType) => this.repositories.get(repositoryType).definition.contentTypes.includes(contentType),
      check: (repository: Repository, units: VersionUnit[], replaced) => {
        // Grouped in place: copying the list per unit made a 95,000-unit version take a minute.
        for (const [pulpType, ofType] of groupBy(units, (u) => u.pulpType)) {
          const problem = this.content.get(pulpType).definition.checkVersion?.(ofType);
          if (problem) return problem;
        }
        return this.repositories.get(repository.pulpType).definition.checkVersion?.(repository, replaced);
      },
    };
  }
}

/** Table and column names become SQL: only plain identifiers, and a natural key that exists. */
function checkStorage(t: ContentTypeDefinition): void {
  const problems: string[] = [];
  if (!IDENTIFIER.test(t.table)) problems.push(`table "${t.table}"`);
  for (const [field, c] of Object.entries(t.columns)) if (!IDENTIFIER.test(c.column)) problems.push(`column "${c.column}" of ${field}`);
  for (const k of [...t.naturalKey, ...t.repositoryKey]) if (!t.columns[k]) problems.push(`key field "${k}" has no column`);
  if (!t.naturalKey.length) problems.push('an empty natural key');
  if (problems.length) throw new Error(`Content type ${t.pulpType} declares ${problems.join(', ')}`);
}
