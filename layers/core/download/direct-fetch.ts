import type { Remote } from '../models/remote';
import { remoteDownloadOptions } from '../remotes/remote-download-options';
import { artifactKey, type BlobStore } from '../storage/blob-store';
import { fetchArtifact, readText } from './artifact-fetch';
import { HttpDownloader } from './http-downloader';

/** What a verified file is: its digest and size. */
export interface StoredFile {
  sha256: string;
  size: number;
}

/**
 * Reads a document of the remote in this process (where there is a route to the upstream: the
 * content function, fetchers, a local run), refusing more than `limit` bytes.
 */
export async function readDocument(remote: Remote, url: string, limit: number): Promise<{ text: string; url: string }> {
  const downloader = new HttpDownloader(remoteDownloadOptions(remote), 1);
  try {
    return await downloader.fetch(url, async (body, info) => ({ text: await readText(body, limit, info.url), url: info.url }));
  } finally {
    downloader.close();
  }
}

/** Fetches one file of the remote into storage in this process, verified; stored bytes are not fetched again. */
export async function storeFile(remote: Remote, blobs: BlobStore, file: { url: string; sha256: string; size?: number; name: string }): Promise<StoredFile> {
  const held = await blobs.size(artifactKey(file.sha256));
  if (held !== undefined && (file.size === undefined || held === file.size)) return { sha256: file.sha256, size: held };
  const downloader = new HttpDownloader(remoteDownloadOptions(remote), 1);
  try {
    return { sha256: file.sha256, size: await fetchArtifact(downloader, blobs, file) };
  } finally {
    downloader.close();
  }
}
