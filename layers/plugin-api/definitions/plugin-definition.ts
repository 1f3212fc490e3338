import type { ViewsetAccess } from '../../core/access/viewset-access';
import type { ContentTypeDefinition } from './content-type';
import type { DistributionTypeDefinition, PublicationTypeDefinition, RemoteTypeDefinition, RepositoryTypeDefinition } from './object-types';
import type { ContentAppHooks, PluginRoute, PluginTask } from './plugin-functions';

/**
 * A content plugin: everything it adds to the platform, declared once. Core builds the
 * standard endpoints (with filters, OpenAPI and pulp-cli's operation ids), the tasks and the
 * serving from this; the plugin writes only what is its own.
 */
export interface PluginDefinition {
  /** Pulp app label and status component: `file`, `python`. */
  name: string;
  /** The version status/ and the OpenAPI document report for the component. */
  version: string;
  /** The Python package and module Pulp reports (`pulp-file`, `pulp_file.app`). */
  package: string;
  module: string;
  contentTypes: ContentTypeDefinition[];
  repositoryTypes: RepositoryTypeDefinition[];
  remoteTypes: RemoteTypeDefinition[];
  publicationTypes: PublicationTypeDefinition[];
  distributionTypes: DistributionTypeDefinition[];
  // A plugin's tasks each take their own argument type.
  // biome-ignore lint/suspicious/noExplicitAny: the list holds tasks of many argument types
  tasks?: PluginTask<any>[];
  routes?: PluginRoute[];
  /**
   * Viewsets of the plugin's own routes (`pypi`): their default access policies and roles,
   * listed by access_policies/ like core's. Each route names its viewset and action.
   */
  viewsets?: ViewsetAccess[];
  contentApp?: ContentAppHooks;
  /** The folder of the plugin's numbered SQL migrations (its detail tables). */
  migrations?: string;
}

/** Identity function that checks a plugin declaration against the types. */
export function definePlugin(plugin: PluginDefinition): PluginDefinition {
  return plugin;
}
