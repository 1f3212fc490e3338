import type { PublishedFile, Resolved, ServedSource } from '../core/ports/delivery-reader';
import { artifactRedirect } from './artifact-response';
import { CACHE } from './cache-policy';
import { encodeContentPath, type ContentPath } from './content-path';
import { contentTypeFor } from './content-type';
import { bytes, errorPage, htmlPage, notFoundPage, redirect, type ContentResult } from './content-responses';
import type { ContentRequest, DeliveryContext } from './delivery-context';
import { renderDirectoryListing } from './directory-listing';
import { readWhole } from '../core/storage/read-whole';
import { serveRemoteFile } from './remote-file';

const PREFIX = '/pulp/content/';
/** Metadata up to this size is answered by the function itself; larger goes via a presigned URL. */
const INLINE_METADATA_LIMIT = 4 * 1024 * 1024;

/**
 * Serves `/pulp/content/<base_path>/<relative_path>` for any distribution: through a
 * publication (explicit, else the latest of its repository / version) or its version's content
 * directly, as its type says; paths its stored content lacks go to its plugin's hook.
 */
export async function servePath(ctx: DeliveryContext, req: ContentRequest, path: ContentPath): Promise<ContentResult> {
  const asked = path.directory ? `${path.path}/` : path.path;
  const resolved = await ctx.reader.resolve(asked);
  if (!resolved) return notFoundPage(req.head);
  // The guard is asked before anything is served, listings and plugin answers included.
  const guard = await ctx.guardFor(resolved.distribution);
  if (!guard) return serveResolved(ctx, req, path, resolved);
  const verdict = await ctx.permits(guard, req);
  const result = verdict.permitted ? await serveResolved(ctx, req, path, resolved) : errorPage(403, verdict.reason, req.head);
  // Nothing behind a guard may be kept by a shared cache: the next asker may not be permitted.
  return { ...result, headers: { ...(result.headers ?? {}), 'cache-control': CACHE.guarded } };
}

async function serveResolved(ctx: DeliveryContext, req: ContentRequest, path: ContentPath, resolved: Resolved): Promise<ContentResult> {
  const { distribution, relativePath, source } = resolved;
  // The distribution root without its slash: relative links in its listing need the slash.
  if (!path.directory && relativePath === '') {
    return redirect(301, `${PREFIX}${encodeContentPath(distribution.basePath)}/`, CACHE.permanentRedirect);
  }
  if (!source) return (await ctx.serveMissing(distribution, relativePath, req)) ?? notFoundPage(req.head, 'This distribution serves no content yet.');
  if (path.directory) return serveDirectory(ctx, req, source, `${PREFIX}${path.path}/`, relativePath);

  const file = await ctx.reader.findFile(source, relativePath);
  if (file) return serveFile(ctx, req, source, file);
  // A directory asked for without its slash.
  const below = await ctx.reader.listDirectory(source, `${relativePath}/`);
  if (below.length) return redirect(301, `${PREFIX}${encodeContentPath(path.path)}/`, CACHE.permanentRedirect);
  return (await ctx.serveMissing(distribution, relativePath, req)) ?? notFoundPage(req.head);
}

async function serveDirectory(
  ctx: DeliveryContext,
  req: ContentRequest,
  source: ServedSource,
  shownPath: string,
  dirPath: string,
): Promise<ContentResult> {
  const index = await ctx.reader.findFile(source, `${dirPath}index.html`);
  if (index) return serveFile(ctx, req, source, index);
  const entries = await ctx.reader.listDirectory(source, dirPath);
  if (!entries.length && dirPath !== '') return notFoundPage(req.head);
  return htmlPage(200, renderDirectoryListing(shownPath, entries), req.head, CACHE.listing);
}

async function serveFile(ctx: DeliveryContext, req: ContentRequest, source: ServedSource, file: PublishedFile): Promise<ContentResult> {
  switch (file.kind) {
    case 'artifact':
      return artifactRedirect(ctx, req, file);
    case 'remote':
      return serveRemoteFile(ctx, req, source, file);
    case 'metadata': {
      const type = contentTypeFor(file.relativePath);
      const size = { 'x-pulp-artifact-size': String(file.size) };
      if (file.size > INLINE_METADATA_LIMIT) {
        const name = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
        const url = await ctx.blobs.presignGet(file.storageKey, { expiresInSeconds: 600, filename: name, contentType: type });
        return redirect(302, url, CACHE.presignedRedirect, size);
      }
      if (req.head) {
        return { statusCode: 200, headers: { 'content-type': type, 'content-length': String(file.size), 'cache-control': CACHE.metadata, ...size }, body: '' };
      }
      const body = await ctx.metadataBodies.get(file.storageKey, file.sha256, () => readWhole(ctx.blobs, file.storageKey));
      return bytes(body, type, false, CACHE.metadata, size);
    }
  }
}
