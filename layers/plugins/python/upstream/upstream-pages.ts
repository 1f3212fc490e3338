// What an upstream index says, read from its pages: the project list (`simple/`), one
// project's files (`simple/<name>/` in PEP 503 HTML or PEP 691 JSON), or PyPI's JSON API
// (`pypi/<name>/json`). Sync and pull-through both read upstreams through these.

import { readAnchors } from './html-anchors';

/** One file an upstream offers. */
export interface UpstreamFile {
  filename: string;
  /** Absolute, without fragment. */
  url: string;
  /** '' when the upstream gives none. */
  sha256: string;
  requiresPython: string;
  yanked: boolean;
  yankedReason: string;
  /** sha256 of `<url>.metadata` when the upstream advertises one with a hash (PEP 658/714). */
  metadataSha256: string | null;
  size: number | null;
  uploadTime: string | null;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A JSON body (PEP 691 or the JSON API) or an HTML one; indexes may answer either. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

function absolute(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

const hashOf = (value: unknown): string => {
  const hash = typeof value === 'string' ? value.toLowerCase() : '';
  return SHA256.test(hash) ? hash : '';
};

/** `sha256=<hex>` (HTML attribute) or `{sha256: hex}` (JSON); `true` and others carry no usable hash. */
function metadataHash(value: unknown): string | null {
  if (typeof value === 'string') {
    const [name, hex] = value.split('=', 2);
    return name?.toLowerCase() === 'sha256' ? hashOf(hex) || null : null;
  }
  if (value && typeof value === 'object') return hashOf((value as Record<string, unknown>).sha256) || null;
  return null;
}

/** Project names of a `simple/` page, as the upstream writes them. */
export function parseProjectList(text: string): string[] {
  if (looksLikeJson(text)) {
    const data = JSON.parse(text) as { projects?: Array<{ name?: unknown }> };
    return (data.projects ?? []).map((p) => p.name).filter((n): n is string => typeof n === 'string' && n !== '');
  }
  return readAnchors(text)
    .anchors.map((a) => a.text)
    .filter((name) => name !== '');
}

function fromHtml(text: string, pageUrl: string): UpstreamFile[] {
  const { anchors, base } = readAnchors(text);
  const baseUrl = base ? (absolute(base, pageUrl)?.toString() ?? pageUrl) : pageUrl;
  const files: UpstreamFile[] = [];
  for (const anchor of anchors) {
    const url = absolute(anchor.attributes.href ?? '', baseUrl);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    const fragment = new URLSearchParams(url.hash.slice(1));
    url.hash = '';
    const filename = anchor.text || decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
    const yanked = 'data-yanked' in anchor.attributes;
    files.push({
      filename,
      url: url.toString(),
      sha256: hashOf(fragment.get('sha256')),
      requiresPython: anchor.attributes['data-requires-python'] ?? '',
      yanked,
      yankedReason: yanked ? anchor.attributes['data-yanked']! : '',
      metadataSha256: metadataHash(anchor.attributes['data-core-metadata'] ?? anchor.attributes['data-dist-info-metadata']),
      size: null,
      uploadTime: null,
    });
  }
  return files;
}

interface JsonFile {
  filename?: unknown;
  url?: unknown;
  hashes?: Record<string, unknown>;
  'requires-python'?: unknown;
  yanked?: unknown;
  'core-metadata'?: unknown;
  'dist-info-metadata'?: unknown;
  size?: unknown;
  'upload-time'?: unknown;
}

function fromSimpleJson(text: string, pageUrl: string): UpstreamFile[] {
  const data = JSON.parse(text) as { files?: JsonFile[] };
  const files: UpstreamFile[] = [];
  for (const f of data.files ?? []) {
    const url = typeof f.url === 'string' ? absolute(f.url, pageUrl) : null;
    if (typeof f.filename !== 'string' || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    url.hash = '';
    const yanked = f.yanked === true || (typeof f.yanked === 'string' && f.yanked !== '');
    files.push({
      filename: f.filename,
      url: url.toString(),
      sha256: hashOf(f.hashes?.sha256),
      requiresPython: typeof f['requires-python'] === 'string' ? f['requires-python'] : '',
      yanked,
      yankedReason: typeof f.yanked === 'string' ? f.yanked : '',
      metadataSha256: metadataHash(f['core-metadata'] ?? f['dist-info-metadata']),
      size: typeof f.size === 'number' && Number.isSafeInteger(f.size) && f.size >= 0 ? f.size : null,
      uploadTime: typeof f['upload-time'] === 'string' ? f['upload-time'] : null,
    });
  }
  return files;
}

/** The files of a project page, HTML or JSON, with URLs resolved against the page's own URL. */
export function parseProjectPage(text: string, pageUrl: string): UpstreamFile[] {
  return looksLikeJson(text) ? fromSimpleJson(text, pageUrl) : fromHtml(text, pageUrl);
}

interface PypiJsonFile {
  filename?: unknown;
  url?: unknown;
  digests?: Record<string, unknown>;
  requires_python?: unknown;
  size?: unknown;
  upload_time_iso_8601?: unknown;
  yanked?: unknown;
  yanked_reason?: unknown;
}

/** The files of every release in PyPI's JSON API document of a project. */
export function parsePypiJson(text: string, pageUrl: string): UpstreamFile[] {
  const data = JSON.parse(text) as { releases?: Record<string, PypiJsonFile[]> };
  const files: UpstreamFile[] = [];
  for (const release of Object.values(data.releases ?? {})) {
    for (const f of release) {
      const url = typeof f.url === 'string' ? absolute(f.url, pageUrl) : null;
      if (typeof f.filename !== 'string' || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
      url.hash = '';
      files.push({
        filename: f.filename,
        url: url.toString(),
        sha256: hashOf(f.digests?.sha256),
        requiresPython: typeof f.requires_python === 'string' ? f.requires_python : '',
        yanked: f.yanked === true,
        yankedReason: f.yanked === true && typeof f.yanked_reason === 'string' ? f.yanked_reason : '',
        metadataSha256: null,
        size: typeof f.size === 'number' && Number.isSafeInteger(f.size) && f.size >= 0 ? f.size : null,
        uploadTime: typeof f.upload_time_iso_8601 === 'string' ? f.upload_time_iso_8601 : null,
      });
    }
  }
  return files;
}
