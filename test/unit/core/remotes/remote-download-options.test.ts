import { describe, expect, it } from 'vitest';
import { DEFAULT_DOWNLOAD_OPTIONS } from '../../../../layers/core/download/download-options';
import type { Remote } from '../../../../layers/core/models/remote';
import { remoteDownloadOptions } from '../../../../layers/core/remotes/remote-download-options';

const remote = (fields: Partial<Remote>): Remote =>
  ({
    id: 'r', pulpType: 'file.file', pulpCreated: '', pulpLastUpdated: '', name: 'r', url: 'http://x/PULP_MANIFEST', policy: 'immediate',
    pulp_labels: {}, headers: null, ca_cert: null, client_cert: null, client_key: null, tls_validation: true, proxy_url: null,
    proxy_username: null, proxy_password: null, username: null, password: null, max_retries: null, total_timeout: null,
    connect_timeout: null, sock_connect_timeout: null, sock_read_timeout: null, download_concurrency: null, rate_limit: null, extra: {},
    ...fields,
  }) as Remote;

describe('remoteDownloadOptions', () => {
  it.each([
    { case: 'defaults when unset', fields: {}, expected: { totalTimeoutMs: DEFAULT_DOWNLOAD_OPTIONS.totalTimeoutMs, connectTimeoutMs: DEFAULT_DOWNLOAD_OPTIONS.connectTimeoutMs } },
    { case: 'seconds to ms', fields: { total_timeout: 1.5, sock_read_timeout: 2 }, expected: { totalTimeoutMs: 1500, sockReadTimeoutMs: 2000 } },
    { case: 'the stricter connect timeout', fields: { connect_timeout: 10, sock_connect_timeout: 3 }, expected: { connectTimeoutMs: 3000 } },
    // setTimeout fires at once past 2^31-1 ms, which would fail every download.
    { case: 'huge timeouts capped to what timers can wait', fields: { total_timeout: 1e9, connect_timeout: 1e9 }, expected: { totalTimeoutMs: 2 ** 31 - 1, connectTimeoutMs: 2 ** 31 - 1 } },
  ])('$case', ({ fields, expected }) => {
    // Act
    const options = remoteDownloadOptions(remote(fields));
    // Assess
    expect(options).toMatchObject(expected);
  });

  it('merges the header list into one object', () => {
    expect(remoteDownloadOptions(remote({ headers: [{ a: '1' }, { b: '2' }] })).headers).toEqual({ a: '1', b: '2' });
  });
});
