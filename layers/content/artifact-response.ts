import { artifactKey } from '../core/storage/blob-store';
import { artifactUrl, contentOrigin } from './artifact-location';
import { CACHE } from './cache-policy';
import { contentTypeFor } from './content-type';
import { redirect, type ContentResult } from './content-responses';
import type { ContentRequest, DeliveryContext } from './delivery-context';

/** Presigned URLs live this long; the redirect itself is cached for less. */
const PRESIGN_SECONDS = 3600;

/**
 * A stored artifact: 302 to its immutable URL (CloudFront `/artifacts/*`, or a presigned S3
 * URL that names the file), with Pulp's X-PULP-ARTIFACT-SIZE.
 */
export async function artifactRedirect(
  ctx: DeliveryContext,
  req: ContentRequest,
  file: { relativePath: string; sha256: string; size: number },
): Promise<ContentResult> {
  const size = { 'x-pulp-artifact-size': String(file.size) };
  if (ctx.config.artifactUrlMode === 'presign') {
    const name = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
    const url = await ctx.blobs.presignGet(artifactKey(file.sha256), {
      expiresInSeconds: PRESIGN_SECONDS,
      filename: name,
      contentType: contentTypeFor(name),
    });
    return redirect(302, url, CACHE.presignedRedirect, size);
  }
  const origin = contentOrigin(ctx.config.contentOrigin, req.headers);
  return redirect(302, artifactUrl(origin, file.sha256), CACHE.artifactRedirect, size);
}
