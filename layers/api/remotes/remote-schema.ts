import { REMOTE_POLICIES } from '../../core/models/remote';
import { f, INT4_MAX, schema, type Field, type ObjectSchema } from '../../http/schema/fields';
import type { RemoteTypeDefinition } from '../../plugin-api/definitions/object-types';
import type { Installed } from '../../plugin-api/installed-types';
import { commonFields } from '../common/common-fields';
import { extraSchemas } from '../common/extra-fields';

const seconds = (description: string) => f.number({ nullable: true, minimum: 0, maximum: 86_400, description });

/** Fields every remote has (Pulp's Remote serializer). */
export function remoteFields(urlDescription: string): Record<string, Field> {
  return {
    ...commonFields(),
    name: f.string({ required: true, maxLength: 255, description: 'A unique name for this remote.' }),
    url: f.string({ required: true, maxLength: 2048, format: 'url', description: urlDescription }),
    ca_cert: f.string({ nullable: true, multiline: true, maxLength: 65_536, description: 'A PEM encoded CA certificate used to validate the server certificate.' }),
    client_cert: f.string({ nullable: true, multiline: true, maxLength: 65_536, description: 'A PEM encoded client certificate used for authentication.' }),
    client_key: f.string({ nullable: true, writeOnly: true, multiline: true, maxLength: 65_536, description: 'A PEM encoded private key used for authentication.' }),
    tls_validation: f.boolean({ description: 'If True, TLS peer validation must be performed.' }),
    proxy_url: f.string({ nullable: true, maxLength: 2048, format: 'url', description: 'The proxy URL. Format: scheme://host:port' }),
    proxy_username: f.string({ nullable: true, writeOnly: true, maxLength: 255, description: 'The username to authenticate to the proxy.' }),
    proxy_password: f.string({ nullable: true, writeOnly: true, trim: false, maxLength: 255, description: 'The password to authenticate to the proxy.' }),
    username: f.string({ nullable: true, writeOnly: true, maxLength: 255, description: 'The username to be used for authentication when syncing.' }),
    password: f.string({ nullable: true, writeOnly: true, trim: false, maxLength: 255, description: 'The password to be used for authentication when syncing.' }),
    pulp_labels: f.labels({ description: 'A dictionary of arbitrary key/value pairs.' }),
    download_concurrency: f.integer({ nullable: true, maximum: 100, minimum: 1, description: 'Total number of simultaneous connections.' }),
    max_retries: f.integer({ nullable: true, maximum: 10, minimum: 0, description: 'Maximum number of retry attempts after a download failure.' }),
    policy: f.enum(REMOTE_POLICIES, {
      description:
        'immediate - All content is downloaded immediately. on_demand - Only metadata is downloaded; content on first request. streamed - Content is streamed and never saved.',
    }),
    total_timeout: seconds('aiohttp.ClientTimeout.total (q.v.) for download-connections.'),
    connect_timeout: seconds('aiohttp.ClientTimeout.connect (q.v.) for download-connections.'),
    sock_connect_timeout: seconds('aiohttp.ClientTimeout.sock_connect (q.v.) for download-connections.'),
    sock_read_timeout: seconds('aiohttp.ClientTimeout.sock_read (q.v.) for download-connections.'),
    headers: f.array(f.json(), { description: 'Headers for aiohttp.Clientsession, e.g. [{"name": "value"}]' }),
    rate_limit: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 0, description: 'Limits requests per second for each concurrent downloader.' }),
    hidden_fields: f.array(f.json(), { readOnly: true, description: 'List of hidden (write only) fields' }),
  };
}

/** A remote type's schema: the common fields and the type's own, one definition for requests, responses and the spec. */
export function remoteSchema(type: Installed<RemoteTypeDefinition>): ObjectSchema {
  return schema(type.names.schemaName, { ...remoteFields(type.definition.urlDescription), ...extraSchemas(type.definition.fields) });
}

/** The generic `remotes/` list shows the fields every type shares. */
export const GenericRemoteSchema = schema('Remote', remoteFields('The URL of an external content source.'));
