/**
 * The plugin API: the one module a content plugin imports. A plugin declares its types, its
 * sync and publish functions, its own tasks, routes and content-app hooks; core builds the
 * standard endpoints, tasks and serving from the declaration and hands the plugin's code the
 * services below. Nothing else of the platform is a plugin's business.
 */

// Declaring a plugin.
export { definePlugin, type PluginDefinition } from './definitions/plugin-definition';
export type { ContentTypeDefinition, ContentFilter, FilterLookup, ContentCreate, ArtifactInput, UnitFromArtifact } from './definitions/content-type';
export type {
  RepositoryTypeDefinition,
  RemoteTypeDefinition,
  PublicationTypeDefinition,
  DistributionTypeDefinition,
  SyncDefinition,
} from './definitions/object-types';
export type { ExtraField, ExtraFields } from './definitions/extra-field';
export type { TypeNaming } from './definitions/naming';
export type {
  SyncFunction,
  SyncInput,
  PublishFunction,
  PublishInput,
  PublishOutput,
  PluginTask,
  PluginRoute,
  ContentAppHooks,
  ContentAppServices,
  ContentHookRequest,
  ContentHookAnswer,
  PulledFile,
} from './definitions/plugin-functions';
export type { PluginServices, Publisher, ServedDistribution } from './definitions/plugin-services';
export type { TypeHrefs } from './definitions/type-hrefs';
export { migrationsFolder } from './migrations-folder';

// The API schema language and errors, for fields and a plugin's own routes.
export { f, schema, INT4_MAX, type Field, type ObjectSchema } from '../http/schema/fields';
export type { FieldErrors } from '../http/schema/validate';
export { HttpError, notFound, validationError, nonFieldError, badRequest } from '../http/errors';
export type { ApiRequest, ApiResponse, QueryParam } from '../http/route';

// Core's records and helpers plugin code works with.
export type { Artifact, ArtifactDigests } from '../core/models/artifact';
export type { ContentUnit, NewContentUnit, NewRemoteArtifact, VersionUnit } from '../core/models/content';
export type { Repository, RepositoryVersion } from '../core/models/repository';
export type { Remote, RemotePolicy } from '../core/models/remote';
export type { Publication } from '../core/models/publication';
export type { Distribution } from '../core/models/distribution';
export type { MetadataFile } from '../core/publications/publication-service';
export type { WantedFile } from '../core/download/download-service';
export type { DocumentRead } from '../core/download/document-fan-out';
export { isSafeRelativePath, MAX_RELATIVE_PATH_BYTES } from '../core/content/relative-path';
export { remoteSettingsDigest } from '../core/remotes/remote-download-options';
export { runPool } from '../core/download/run-pool';
export { DEFAULT_DOWNLOAD_CONCURRENCY } from '../core/download/download-options';
export type { ServedVersion } from '../core/ports/delivery-reader';
export { VersionConflict } from '../core/repositories/version-plan';

// Tasks.
export type { TaskContext } from '../core/tasks/task-context';
export type { ProgressReport } from '../core/tasks/task';
export { progressReport } from './definitions/progress';
export { defineTask, arg, TaskArgumentsInvalid, type TaskHandle } from '../core/tasks/task-definition';

// Access control of a plugin's own routes.
export type { ViewsetAccess } from '../core/access/viewset-access';
export type { PolicyStatement } from '../core/access/access-policy';
export type { RouteAccess } from '../core/access/route-access';
