import type { Artifact } from '../../core/models/artifact';
import type { ContentUnit, VersionUnit } from '../../core/models/content';
import type { ContentStorage } from '../../core/ports/content-storage';
import type { Field } from '../../http/schema/fields';
import type { FieldErrors } from '../../http/schema/validate';
import type { TypeNaming } from './naming';
import type { PluginServices } from './plugin-services';

/** One lookup of a filter: `exact` is the bare parameter, the others its `__<lookup>` forms. */
export type FilterLookup = 'exact' | 'in' | 'contains' | 'icontains' | 'startswith' | 'istartswith' | 'gt' | 'gte' | 'lt' | 'lte';

/**
 * A list filter on one field of a content type:
 * - `text`: `name`, `__in`, `__contains`, `__icontains`, `__startswith`, `__istartswith`;
 * - `exact`: `name` (and `__in` with `in: true`);
 * - `range`: `name`, `__gt`, `__gte`, `__lt`, `__lte` (numbers for integer fields, else strings).
 * `lookups` narrows the kind's set to those listed (pulp_python's `name__contains` without the
 * other text lookups). `param` names the query parameter when it is not the field's name;
 * `normalize` rewrites the values of `exact` and `in` before comparing (python's package names
 * compare normalized).
 */
export interface ContentFilter {
  field: string;
  kind: 'text' | 'exact' | 'range';
  param?: string;
  in?: boolean;
  lookups?: readonly FilterLookup[];
  normalize?: (value: string) => string;
}

/** What a task has when it turns a stored artifact into a unit of the type. */
export interface ArtifactInput {
  artifact: Artifact;
  /** For storing what the unit needs besides its file (python: a wheel's METADATA). */
  services: PluginServices;
  /** The create request's type-specific fields (as `create.fields` declares them). */
  body: Record<string, unknown>;
  /** The artifact's bytes (bounded; for metadata extraction). */
  read(): Promise<Buffer>;
}

/** A unit built from an artifact: its fields and where its file is served. */
export interface UnitFromArtifact {
  fields: Record<string, unknown>;
  relativePath: string;
  /** Further stored files of the unit at their own paths (python: `<file>.metadata`). */
  extraArtifacts?: Array<{ relativePath: string; artifactId: string }>;
}

/**
 * Content created from one artifact (pulpcore's SingleArtifactContentUploadSerializer):
 * `POST <endpoint>` with one of `file`, `upload`, `artifact`, `file_url`, plus these fields.
 */
export interface ContentCreate {
  fields: Record<string, Field>;
  /** Request-time checks of the fields; errors are a 400 before any task runs. */
  validate?(body: Record<string, unknown>): FieldErrors | undefined;
  /** In the task: the unit's fields from its stored artifact (throw to fail the task). */
  fromArtifact(input: ArtifactInput): Promise<UnitFromArtifact>;
}

/** One content type: how it is named, stored, filtered, shown, created and kept in versions. */
export interface ContentTypeDefinition extends TypeNaming, Omit<ContentStorage, 'pulpType'> {
  filters: ContentFilter[];
  /** Fields a list may be ordered by (besides `pulp_created`). */
  ordering: string[];
  /** Response fields beyond Pulp's common ones and `artifact`. */
  responseFields: Record<string, Field>;
  /** The unit's response fields beyond the common ones and `artifact`. */
  serialize(unit: ContentUnit): Record<string, unknown>;
  create?: ContentCreate;
  /** Checks the units of one type in a new version (file: no path is a directory of another). */
  checkVersion?(units: VersionUnit[]): string | undefined;
}
