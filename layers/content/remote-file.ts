import { fetchArtifact } from '../core/download/artifact-fetch';
import { DigestCheck } from '../core/download/digest-verifier';
import { redactUrl } from '../core/download/download-error';
import { HttpDownloader } from '../core/download/http-downloader';
import type { PublishedFile, RemoteSource, ServedSource } from '../core/ports/delivery-reader';
import { remoteDownloadOptions } from '../core/remotes/remote-download-options';
import { artifactKey } from '../core/storage/blob-store';
import { artifactRedirect } from './artifact-response';
import { CACHE } from './cache-policy';
import { contentTypeFor } from './content-type';
import { bytes, errorPage, notFoundPage, type ContentResult } from './content-responses';
import type { ContentRequest, DeliveryContext } from './delivery-context';

/**
 * Lambda's buffered responses stop at 6 MB, and binary bodies travel base64 (4/3 larger), so a
 * `streamed` file the Lambda passes through can be at most this big.
 */
export const STREAMED_LIMIT = 4 * 1024 * 1024;

type RemoteFile = Extract<PublishedFile, { kind: 'remote' }>;

class TooLargeToStream extends Error {}


/**
 * Content without an artifact yet. `on_demand`: fetch it from the remote, verify the sha256
 * while writing to S3, record the artifact, link it, then redirect like any stored file.
 * `streamed`: pass the bytes through without saving. Each remote artifact is tried in turn;
 * all failing is a 404, as in Pulp.
 */
export async function serveRemoteFile(ctx: DeliveryContext, req: ContentRequest, served: ServedSource, file: RemoteFile): Promise<ContentResult> {
  const name = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
  if (req.head) {
    // Headers only: not worth a download.
    const headers: Record<string, string> = { 'content-type': contentTypeFor(name), 'cache-control': CACHE.metadata };
    if (file.size !== null) {
      headers['content-length'] = String(file.size);
      headers['x-pulp-artifact-size'] = String(file.size);
    }
    return { statusCode: 200, headers, body: '' };
  }
  for (const source of file.remotes.filter((s: RemoteSource) => !ctx.recentlyFailed(s.id))) {
    const sha256 = source.sha256 ?? file.sha256;
    const size = source.size ?? file.size ?? undefined;
    try {
      if (source.policy !== 'streamed' && (await ctx.blobs.size(artifactKey(sha256))) === size && size !== undefined) {
        return await link(ctx, req, served, file, sha256, size);
      }
      const remote = await ctx.getRemote(source.remoteId);
      if (!remote) continue;
      const downloader = new HttpDownloader(remoteDownloadOptions(remote), 1);
      let stored: number;
      try {
        if (source.policy === 'streamed') {
          if (size !== undefined && size > STREAMED_LIMIT) throw new TooLargeToStream();
          const body = await passThrough(downloader, source.url, file.relativePath, sha256, size);
          return bytes(body, contentTypeFor(name), false, CACHE.artifactRedirect, { 'x-pulp-artifact-size': String(body.length) });
        }
        stored = await fetchArtifact(downloader, ctx.blobs, { url: source.url, name: file.relativePath, sha256, size });
      } finally {
        downloader.close();
      }
      return await link(ctx, req, served, file, sha256, stored);
    } catch (err) {
      if (err instanceof TooLargeToStream) {
        return errorPage(
          502,
          `${file.relativePath} is served with the "streamed" policy but is larger than ${STREAMED_LIMIT} bytes, ` +
            'more than the content function can pass through. Use the on_demand or immediate policy for it.',
          false,
        );
      }
      ctx.logger.warn('On-demand fetch failed; trying the next remote artifact', { url: redactUrl(source.url), error: String(err) });
      ctx.markRemoteArtifactFailed(source.id);
    }
  }
  return notFoundPage(false, `${file.relativePath} could not be fetched from any remote.`);
}

async function link(ctx: DeliveryContext, req: ContentRequest, served: ServedSource, file: RemoteFile, sha256: string, size: number): Promise<ContentResult> {
  await ctx.recordFetched(served, file, { sha256, size });
  return artifactRedirect(ctx, req, { relativePath: file.relativePath, sha256, size });
}

async function passThrough(downloader: HttpDownloader, url: string, name: string, sha256: string, size: number | undefined): Promise<Buffer> {
  return downloader.fetch(url, async (body) => {
    const check = new DigestCheck({ url, name, sha256, size });
    const chunks: Buffer[] = [];
    for await (const chunk of body) {
      check.update(chunk as Buffer);
      if (check.bytes > STREAMED_LIMIT) throw new TooLargeToStream();
      chunks.push(chunk as Buffer);
    }
    check.finish();
    return Buffer.concat(chunks);
  });
}
