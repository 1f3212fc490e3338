import { createHash } from 'node:crypto';
import type { BlobStore } from '../../../core/storage/blob-store';
import { newId } from '../../../core/ids';
import { writeManifest } from '../manifest-writer';
import { FILE_TYPE, type Publication, type PublishedMetadata } from '../model';
import type { FileData } from '../ports';

export class PublicationError extends Error {}

/** Publications: a version made servable, with its PULP_MANIFEST written to S3. */
export class PublicationService {
  constructor(
    private readonly data: FileData,
    private readonly blobs: BlobStore,
  ) {}

  /**
   * Publishes a version: writes the manifest (named `manifest`, none if null) under
   * `publications/<id>/`, then records the publication and its metadata in one statement pair.
   */
  async publish(versionId: string, options: { manifest?: string | null; checkpoint?: boolean } = {}): Promise<Publication> {
    const version = await this.data.versions.byId(versionId);
    if (!version) throw new PublicationError('The repository version does not exist.');
    const id = newId();
    const manifestName = options.manifest === undefined ? 'PULP_MANIFEST' : options.manifest;
    const metadata: PublishedMetadata[] = [];
    if (manifestName) {
      const body = Buffer.from(writeManifest(await this.data.versions.files(version.repositoryId, version.number)), 'utf8');
      const storageKey = `publications/${id}/${manifestName}`;
      await this.blobs.put(storageKey, body, { contentType: 'text/plain' });
      metadata.push({
        relativePath: manifestName,
        sha256: createHash('sha256').update(body).digest('hex'),
        size: body.length,
        storageKey,
      });
    }
    return this.data.transaction((tx) =>
      tx.publications.insert({
        id,
        pulpType: FILE_TYPE,
        repositoryVersionId: version.id,
        manifest: manifestName,
        passThrough: true,
        checkpoint: options.checkpoint ?? false,
        metadata,
      }),
    );
  }

  /** Deletes a publication and its metadata objects; distributions serving it lose it. */
  async delete(id: string): Promise<boolean> {
    const metadata = await this.data.publications.metadata(id);
    const deleted = await this.data.publications.delete(id);
    for (const m of metadata) await this.blobs.delete(m.storageKey).catch(() => undefined);
    return deleted;
  }
}
