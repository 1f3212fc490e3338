import type { ArtifactService } from '../artifacts/artifact-service';
import type { Artifact } from '../models/artifact';
import { DownloadError, redactUrl } from './download-error';
import { DEFAULT_DOWNLOAD_OPTIONS } from './download-options';
import { HttpDownloader } from './http-downloader';
import { newId } from '../ids';
import type { TaskContext } from '../tasks/task-context';
import { fetchOne, type FanOutDeps } from './fan-out';

/** Only these schemes can be downloaded (the downloader speaks HTTP(S) only). */
export function isDownloadableUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Artifacts from a URL (Pulp's `file_url`): downloaded with the sync's downloader and
 * aiohttp's default settings (timeouts, 3 retries on network errors / 429 / 5xx, redirects;
 * `user:password@` in the URL is sent as basic auth), streamed into the artifact store.
 */
export class UrlDownloadService {
  constructor(
    private readonly artifacts: ArtifactService,
    /** Fetchers to hand the download to (a task may have no route to the internet). */
    private readonly fanOut?: FanOutDeps,
    private readonly newDownloader: () => HttpDownloader = () => new HttpDownloader(DEFAULT_DOWNLOAD_OPTIONS, 1),
  ) {}

  /**
   * Downloads `url` into an artifact (the existing one if its sha256 is known). Every failure
   * names the URL, credentials redacted; nothing is recorded then.
   */
  async artifactFromUrl(url: string, ctx?: TaskContext): Promise<Artifact> {
    if (this.fanOut && ctx) {
      const result = await fetchOne(this.fanOut, { kind: 'url', jobId: ctx.taskId, key: `url-${newId()}`, url }, ctx);
      return this.artifacts.ensureArtifact(result.digests!);
    }
    const downloader = this.newDownloader();
    try {
      return await downloader.fetch(url, (body) => this.artifacts.storeStream(body));
    } catch (err) {
      if (err instanceof DownloadError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`Storing the download of ${redactUrl(url)} failed: ${reason}`, { cause: err });
    } finally {
      downloader.close();
    }
  }
}
