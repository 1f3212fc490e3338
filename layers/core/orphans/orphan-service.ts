import type { CoreData } from '../ports/core-data';
import { artifactKey, type BlobStore } from '../storage/blob-store';

/** Pulp's orphan cleanup: content in no repository, then artifacts no content uses. */
export class OrphanService {
  constructor(
    private readonly data: CoreData,
    private readonly blobs: BlobStore,
  ) {}

  /** Removes orphans older than `protectionMinutes` (only among `contentIds` if given). */
  async cleanup(options: { contentIds?: string[]; protectionMinutes: number; now?: Date }): Promise<{ content: number; artifacts: number }> {
    const before = new Date((options.now ?? new Date()).getTime() - options.protectionMinutes * 60_000);
    const content = await this.data.transaction(async (tx) => {
      const ids = await tx.content.orphanIds(before, options.contentIds);
      if (ids.length) await tx.content.deleteMany(ids);
      return ids.length;
    });
    // Artifacts go only when no content was given (Pulp: content_hrefs narrows to content).
    if (options.contentIds) return { content, artifacts: 0 };
    const artifacts = await this.data.transaction(async (tx) => {
      const found = await tx.content.orphanArtifacts(before);
      if (found.length) await tx.content.deleteArtifacts(found.map((a) => a.id));
      return found;
    });
    // Rows first: a crash in between leaves unreferenced bytes, never rows without bytes.
    for (const a of artifacts) await this.blobs.delete(artifactKey(a.sha256)).catch(() => undefined);
    return { content, artifacts: artifacts.length };
  }
}
