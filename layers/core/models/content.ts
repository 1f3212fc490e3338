import type { Artifact } from './artifact';

/**
 * A content unit of any type. Core knows the base (`pulp_type`, labels, its artifact and
 * where the artifact sits in a distribution); the type's own fields come from its plugin.
 */
export interface ContentUnit {
  id: string;
  pulpType: string;
  pulpLabels: Record<string, string>;
  /** The type's fields by API name (`relative_path`, `sha256`, `filename`, ...). */
  fields: Record<string, unknown>;
  /** Where the unit's file is served, relative to a distribution's base path. */
  relativePath: string;
  /** The stored file; null while only a remote knows where to get it (on_demand, streamed). */
  artifact: Artifact | null;
  pulpCreated: string;
  pulpLastUpdated: string;
}

/** What a plugin hands core to store a unit (insert-or-get by the type's natural key). */
export interface NewContentUnit {
  pulpType: string;
  fields: Record<string, unknown>;
  relativePath: string;
  artifactId: string | null;
  pulpLabels?: Record<string, string>;
  /**
   * Further files of the unit, served at their own paths (a wheel's `<file>.metadata`); a null
   * artifact is fetched on demand from the remote artifact recorded for that path.
   */
  extraArtifacts?: Array<{ relativePath: string; artifactId: string | null }>;
}

/** Where a remote offers a unit's file: recorded by sync, used by on-demand delivery and repair. */
export interface NewRemoteArtifact {
  contentId: string;
  remoteId: string;
  url: string;
  sha256: string | null;
  size: number | null;
  /** Which of the unit's files this is, when it has several (default: every one of them). */
  relativePath?: string;
}

/** A unit as version rules see it: its type, its repository key and where it is served. */
export interface VersionUnit {
  id: string;
  pulpType: string;
  /** The type's repository key values joined: units with equal keys replace each other. */
  key: string;
  relativePath: string;
}
