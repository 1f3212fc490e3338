import { createHash } from 'node:crypto';
import { newId } from '../ids';
import type { Publication, PublishedMetadata } from '../models/publication';
import type { CoreData } from '../ports/core-data';
import type { BlobStore } from '../storage/blob-store';

export class PublicationError extends Error {}

/** A file a publisher wrote, before it is stored. */
export interface MetadataFile {
  relativePath: string;
  body: Buffer;
  contentType?: string;
}

export interface NewPublicationInput {
  pulpType: string;
  repositoryVersionId: string;
  passThrough: boolean;
  checkpoint: boolean;
  extra: Record<string, unknown>;
  metadata: MetadataFile[];
}

/** Publications: a version made servable, with the files its publisher wrote stored beside it. */
export class PublicationService {
  constructor(
    private readonly data: CoreData,
    private readonly blobs: BlobStore,
  ) {}

  get(id: string): Promise<Publication | undefined> {
    return this.data.publications.get(id);
  }

  /**
   * Stores the metadata under `publications/<id>/` first, then records the publication and its
   * metadata in one transaction: a publication is never visible before its files exist.
   */
  async record(input: NewPublicationInput): Promise<Publication> {
    const version = await this.data.versions.byId(input.repositoryVersionId);
    if (!version) throw new PublicationError('The repository version does not exist.');
    const id = newId();
    const metadata: PublishedMetadata[] = [];
    for (const file of input.metadata) {
      const storageKey = `publications/${id}/${file.relativePath}`;
      await this.blobs.put(storageKey, file.body, { contentType: file.contentType });
      metadata.push({ relativePath: file.relativePath, sha256: createHash('sha256').update(file.body).digest('hex'), size: file.body.length, storageKey });
    }
    return this.data.transaction((tx) =>
      tx.publications.insert({
        id,
        pulpType: input.pulpType,
        repositoryVersionId: version.id,
        passThrough: input.passThrough,
        checkpoint: input.checkpoint,
        extra: input.extra,
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
