import { signUrl } from '../core/signing/cloudfront-url';
import { artifactKey } from '../core/storage/blob-store';
import { artifactUrl, contentOrigin } from './artifact-location';
import { CACHE } from './cache-policy';
import { contentTypeFor } from './content-type';
import { redirect, type ContentResult } from './content-responses';
import type { ContentRequest, DeliveryContext } from './delivery-context';


/**
 * A stored artifact: 302 to a signed, expiring URL of its bytes (CloudFront `/artifacts/*` with
 * a CloudFront signature, or a presigned S3 URL that names the file), with Pulp's
 * X-PULP-ARTIFACT-SIZE. Only what is served gets a signature, so an artifact that no served
 * publication holds, or one behind a guard the requester fails, cannot be fetched by digest.
 * The URL outlives the redirect's own cache lifetime, so a cached redirect still works.
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
      expiresInSeconds: ctx.config.artifactUrlSeconds,
      filename: name,
      contentType: contentTypeFor(name),
    });
    return redirect(302, url, CACHE.presignedRedirect, size);
  }
  const origin = contentOrigin(ctx.config.contentOrigin, req.headers);
  const keys = (await ctx.signing()).artifacts;
  const url = artifactUrl(origin, file.sha256);
  const expires = Math.floor(Date.now() / 1000) + ctx.config.artifactUrlSeconds;
  return redirect(302, keys ? signUrl(url, keys.current, expires) : url, CACHE.artifactRedirect, size);
}
