import { f, INT4_MAX, schema } from '../../../http/schema/fields';
import { REMOTE_POLICIES } from './remote';

const seconds = (description: string) => f.number({ nullable: true, minimum: 0, description });

/** Pulp's file.FileRemote: one definition for the request body, the response and the spec. */
export const FileRemoteSchema = schema('file.FileRemote', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  pulp_last_updated: f.dateTime({ readOnly: true }),
  name: f.string({ required: true, description: 'A unique name for this remote.' }),
  url: f.string({ required: true, description: 'The URL of an external content source (its PULP_MANIFEST).' }),
  ca_cert: f.string({ nullable: true, description: 'A PEM encoded CA certificate used to validate the server certificate.' }),
  client_cert: f.string({ nullable: true, description: 'A PEM encoded client certificate used for authentication.' }),
  client_key: f.string({ nullable: true, writeOnly: true, description: 'A PEM encoded private key used for authentication.' }),
  tls_validation: f.boolean({ description: 'If True, TLS peer validation must be performed.' }),
  proxy_url: f.string({ nullable: true, description: 'The proxy URL. Format: scheme://host:port' }),
  proxy_username: f.string({ nullable: true, writeOnly: true, description: 'The username to authenticate to the proxy.' }),
  proxy_password: f.string({ nullable: true, writeOnly: true, description: 'The password to authenticate to the proxy.' }),
  username: f.string({ nullable: true, writeOnly: true, description: 'The username to be used for authentication when syncing.' }),
  password: f.string({ nullable: true, writeOnly: true, description: 'The password to be used for authentication when syncing.' }),
  pulp_labels: f.labels({ description: 'A dictionary of arbitrary key/value pairs.' }),
  download_concurrency: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 1, description: 'Total number of simultaneous connections.' }),
  max_retries: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 0, description: 'Maximum number of retry attempts after a download failure.' }),
  policy: f.enum(REMOTE_POLICIES, {
    description: 'immediate - All content is downloaded immediately. on_demand - Only metadata is downloaded; content on first request. streamed - Content is streamed and never saved.',
  }),
  total_timeout: seconds('aiohttp.ClientTimeout.total (q.v.) for download-connections.'),
  connect_timeout: seconds('aiohttp.ClientTimeout.connect (q.v.) for download-connections.'),
  sock_connect_timeout: seconds('aiohttp.ClientTimeout.sock_connect (q.v.) for download-connections.'),
  sock_read_timeout: seconds('aiohttp.ClientTimeout.sock_read (q.v.) for download-connections.'),
  headers: f.array(f.json(), { description: 'Headers for aiohttp.Clientsession, e.g. [{"name": "value"}]' }),
  rate_limit: f.integer({ nullable: true, maximum: INT4_MAX, minimum: 0, description: 'Limits requests per second for each concurrent downloader.' }),
  hidden_fields: f.array(f.json(), { readOnly: true, description: 'List of hidden (write only) fields' }),
});
