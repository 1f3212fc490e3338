import type { PublishFunction } from '../../plugin-api';
import { writeManifest, type ManifestEntry } from './manifest-writer';

const PAGE = 1000;

/**
 * pulp_file's publish: the version's files are served at their relative paths (pass-through)
 * and PULP_MANIFEST (under the publication's `manifest` name, none if null) lists them all.
 */
export const publishFiles: PublishFunction = async ({ version, fields }, ctx, services) => {
  const manifest = fields.manifest === undefined ? 'PULP_MANIFEST' : (fields.manifest as string | null);
  if (!manifest) return { passThrough: true, metadata: [] };
  const entries: ManifestEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await services.versionContent(version, 'file.file', { limit: PAGE, offset });
    for (const unit of page) {
      entries.push({
        relativePath: String(unit.fields.relative_path),
        sha256: String(unit.fields.sha256),
        size: Number(unit.fields.size ?? unit.artifact?.size ?? 0),
      });
    }
    if (page.length < PAGE) break;
    await ctx.throwIfCanceled();
  }
  return { passThrough: true, metadata: [{ relativePath: manifest, body: Buffer.from(writeManifest(entries), 'utf8'), contentType: 'text/plain' }] };
};
