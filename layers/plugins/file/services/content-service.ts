import type { FileContent } from '../model';
import type { FileData, NewFileContent, NewRemoteArtifact } from '../ports';

/** File content units: one per (relative_path, sha256), reused whenever they reappear. */
export class FileContentService {
  constructor(private readonly data: FileData) {}

  /** Returns the existing unit for (relative_path, sha256), attaching `artifactId` if it had none. */
  async ensureFileContent(unit: NewFileContent): Promise<FileContent> {
    const [content] = await this.data.content.ensure([unit]);
    return content!;
  }

  /** The same in bulk (sync): one statement per thousand units. */
  ensureFileContents(units: NewFileContent[]): Promise<FileContent[]> {
    return this.data.content.ensure(units);
  }

  addRemoteArtifacts(items: NewRemoteArtifact[]): Promise<void> {
    return this.data.content.addRemoteArtifacts(items);
  }

  get(id: string): Promise<FileContent | undefined> {
    return this.data.content.get(id);
  }
}
