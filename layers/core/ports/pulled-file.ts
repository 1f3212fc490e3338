/** A file a plugin's content hook fetched and kept, waiting for the workers to record it. */
export interface PulledFile {
  /** Which plugin's `recordPulled` takes it. */
  plugin: string;
  distributionId: string;
  sha256: string;
  size: number;
  /** The plugin's own details (a filename, upstream metadata). */
  data: Record<string, unknown>;
}
