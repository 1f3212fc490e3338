import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFetchJob } from '../../../../layers/adapters/sqs/sqs-fetch-queue';

const files = { kind: 'files', jobId: 't', key: 'k', remoteId: 'r', remoteVersion: 'v', files: [{ url: 'https://u/a', sha256: 'a'.repeat(64), size: 3, name: 'a' }] };
const documentJob = { kind: 'document', jobId: 't', key: 'k', url: 'https://u/m', remoteId: 'r', remoteVersion: 'v', limit: 10 };
const urlJob = { kind: 'url', jobId: 't', key: 'k', url: 'https://u/x' };
const documentsJob = { kind: 'documents', jobId: 't', key: 'k', urls: ['https://u/simple/a/', 'https://u/simple/b/'], remoteId: 'r', remoteVersion: 'v', limit: 10 };
const legacy: Record<string, unknown> = { kind: 'artifact', jobId: 't', key: 'a'.repeat(64), url: 'https://u/a', remoteId: 'r', remoteVersion: 'v', sha256: 'a'.repeat(64), size: 3, name: 'a' };

describe('parseFetchJob', () => {
  it.each([
    { case: 'a files job', job: files },
    { case: 'a files job with its share of a rate_limit', job: { ...files, rateLimit: 0.5 } },
    { case: 'a files job whose file size is unknown', job: { ...files, files: [{ url: 'https://u/a', sha256: 'a'.repeat(64), name: 'a' }] } },
    { case: 'a document job', job: documentJob },
    { case: 'a url job', job: urlJob },
    { case: 'a documents job', job: documentsJob },
    { case: 'a documents job with its share of a rate_limit', job: { ...documentsJob, rateLimit: 2 } },
  ])('accepts $case', ({ job }) => {
    // Act
    const parsed = parseFetchJob(JSON.stringify(job));

    // Assess
    expect(parsed).toEqual(job);
  });

  it.each([
    { case: 'with its size', message: legacy, file: { url: 'https://u/a', sha256: 'a'.repeat(64), size: 3, name: 'a' } },
    { case: 'of unknown size', message: { ...legacy, size: undefined }, file: { url: 'https://u/a', sha256: 'a'.repeat(64), name: 'a' } },
  ])('reads a one-file message of the release before jobs ($case) as a one-file job reporting that file’s outcome', ({ message, file }) => {
    // Act
    const parsed = parseFetchJob(JSON.stringify(message));

    // Assess
    expect(parsed).toEqual({ kind: 'files', jobId: 't', key: 'a'.repeat(64), remoteId: 'r', remoteVersion: 'v', files: [file], legacyArtifact: true });
  });

  it.each([
    { case: 'not an object', body: '[]', error: /must be an object/ },
    { case: 'null', body: 'null', error: /must be an object/ },
    { case: 'an unknown kind', body: JSON.stringify({ ...urlJob, kind: 'package' }), error: /no known kind/ },
    { case: 'a one-file message of the release before jobs without its sha256', body: JSON.stringify({ ...legacy, sha256: undefined }), error: /url, sha256 and name/ },
    { case: 'a kind from the prototype', body: JSON.stringify({ ...urlJob, kind: 'constructor' }), error: /no known kind/ },
    { case: 'no jobId', body: JSON.stringify({ ...urlJob, jobId: 1 }), error: /no jobId/ },
    { case: 'a document without its limit', body: JSON.stringify({ ...documentJob, limit: '10' }), error: /limit/ },
    { case: 'a files job without files', body: JSON.stringify({ ...files, files: [] }), error: /no files/ },
    { case: 'a files job with files not a list', body: JSON.stringify({ ...files, files: { a: 1 } }), error: /no files/ },
    { case: 'a file without its sha256', body: JSON.stringify({ ...files, files: [{ url: 'u', name: 'a' }] }), error: /url, sha256 and name/ },
    { case: 'a file that is not an object', body: JSON.stringify({ ...files, files: ['u'] }), error: /url, sha256 and name/ },
    { case: 'a documents job without urls', body: JSON.stringify({ ...documentsJob, urls: [] }), error: /urls/ },
    { case: 'a documents job whose urls are not text', body: JSON.stringify({ ...documentsJob, urls: [1] }), error: /urls/ },
    { case: 'a documents job without its limit', body: JSON.stringify({ ...documentsJob, limit: undefined }), error: /limit/ },
    { case: 'a documents job with a negative rate limit', body: JSON.stringify({ ...documentsJob, rateLimit: -1 }), error: /rateLimit/ },
    { case: 'a rate limit of zero', body: JSON.stringify({ ...files, rateLimit: 0 }), error: /rateLimit/ },
    { case: 'a rate limit that is text', body: JSON.stringify({ ...files, rateLimit: '2' }), error: /rateLimit/ },
    { case: 'a file size that is text', body: JSON.stringify({ ...files, files: [{ url: 'u', sha256: 's', name: 'a', size: '3' }] }), error: /size/ },
  ])('refuses $case', ({ body, error }) => {
    // Act & Assess
    expect(() => parseFetchJob(body)).toThrow(error);
  });

  it('returns a job or throws an Error for any JSON value (a malformed message dead-letters, never crashes otherwise)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ kind: fc.constantFrom('files', 'document', 'documents', 'url', 'artifact'), jobId: fc.string(), key: fc.string(), files: fc.jsonValue() })), (value) => {
        try {
          const job = parseFetchJob(JSON.stringify(value));
          expect(['files', 'document', 'documents', 'url']).toContain(job.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
