import { CACHE } from '../../../content/cache-policy';
import { encodeContentPath, type ContentPath } from '../../../content/content-path';
import { contentTypeFor } from '../../../content/content-type';
import { bytes, htmlPage, notFoundPage, redirect, type ContentResult } from '../../../content/content-responses';
import { renderDirectoryListing } from '../../../content/directory-listing';
import type { PublishedFile } from '../delivery/delivery-reader';
import type { Publication } from '../model';
import { artifactRedirect } from './artifact-response';
import type { ContentRequest, DeliveryContext } from './delivery-context';
import { serveRemoteFile } from './remote-file';

const PREFIX = '/pulp/content/';
/** Metadata up to this size is answered by the function itself; larger goes via a presigned URL. */
const INLINE_METADATA_LIMIT = 4 * 1024 * 1024;

/**
 * Serves `/pulp/content/<base_path>/<relative_path>` for file distributions: they serve only
 * through a publication (explicit, else the latest of their repository / version).
 */
export async function servePath(ctx: DeliveryContext, req: ContentRequest, path: ContentPath): Promise<ContentResult> {
  const asked = path.directory ? `${path.path}/` : path.path;
  const resolved = await ctx.reader.resolve(asked);
  if (!resolved) return notFoundPage(req.head);
  const { distribution, publication, relativePath } = resolved;
  // The distribution root without its slash: relative links in its listing need the slash.
  if (!path.directory && relativePath === '') {
    return redirect(301, `${PREFIX}${encodeContentPath(distribution.basePath)}/`, CACHE.permanentRedirect);
  }
  if (!publication) return notFoundPage(req.head, 'This distribution serves no publication.');
  if (path.directory) return serveDirectory(ctx, req, publication, `${PREFIX}${path.path}/`, relativePath);

  const file = await ctx.reader.findFile(publication.id, relativePath);
  if (file) return serveFile(ctx, req, file);
  // A directory asked for without its slash.
  const below = await ctx.reader.listDirectory(publication.id, `${relativePath}/`);
  if (below.length) return redirect(301, `${PREFIX}${encodeContentPath(path.path)}/`, CACHE.permanentRedirect);
  return notFoundPage(req.head);
}

async function serveDirectory(
  ctx: DeliveryContext,
  req: ContentRequest,
  publication: Publication,
  shownPath: string,
  dirPath: string,
): Promise<ContentResult> {
  const index = await ctx.reader.findFile(publication.id, `${dirPath}index.html`);
  if (index) return serveFile(ctx, req, index);
  const entries = await ctx.reader.listDirectory(publication.id, dirPath);
  if (!entries.length && dirPath !== '') return notFoundPage(req.head);
  return htmlPage(200, renderDirectoryListing(shownPath, entries), req.head, CACHE.listing);
}

async function serveFile(ctx: DeliveryContext, req: ContentRequest, file: PublishedFile): Promise<ContentResult> {
  switch (file.kind) {
    case 'artifact':
      return artifactRedirect(ctx, req, file);
    case 'remote':
      return serveRemoteFile(ctx, req, file);
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
      const read = async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of await ctx.blobs.get(file.storageKey)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      };
      const body = await ctx.metadataBodies.get(file.storageKey, file.sha256, read);
      return bytes(body, type, false, CACHE.metadata, size);
    }
  }
}
