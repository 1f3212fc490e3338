// PyPI's JSON API (`pypi/<name>/json`, `pypi/<name>/<version>/json`) in the shape pulp_python
// serves it: `info` from the latest release's metadata (pre-releases count; the asked version's
// for the second form), `releases` by version, `urls` = the files of that release, `last_serial`.

import { compareVersions, sortVersionStrings } from '../versions/compare';
import { tryParseVersion, type Version } from '../versions/version';
import { decodeDictField, decodeListField } from '../metadata/core-metadata';
import { formatUploadTime, formatUploadTimeSeconds } from './upload-time';
import type { JsonApiFile, JsonApiProject } from './records';

export interface PypiJsonOptions {
  /** A version string, for `pypi/<name>/<version>/json` (matched by PEP 440 equality). */
  readonly version?: string;
  readonly lastSerial?: number;
}

const listOrNull = (value: string): string[] | null => {
  const list = decodeListField(value);
  return list.length ? list : null;
};

function info(file: JsonApiFile, release: readonly JsonApiFile[]): object {
  const m = file.metadata;
  const projectUrls = decodeDictField(m.project_urls);
  const yanked = release.every((f) => f.yanked);
  return {
    name: m.name,
    version: m.version,
    summary: m.summary,
    keywords: m.keywords,
    description: m.description,
    description_content_type: m.description_content_type,
    bugtrack_url: null,
    docs_url: null,
    downloads: { last_day: -1, last_month: -1, last_week: -1 },
    download_url: m.download_url,
    home_page: m.home_page,
    author: m.author,
    author_email: m.author_email,
    maintainer: m.maintainer,
    maintainer_email: m.maintainer_email,
    license: m.license,
    requires_python: m.requires_python || null,
    package_url: m.project_url,
    project_url: m.project_url,
    release_url: m.project_url ? `${m.project_url}${m.version}/` : '',
    project_urls: Object.keys(projectUrls).length ? projectUrls : null,
    platform: m.platform,
    requires_dist: listOrNull(m.requires_dist),
    classifiers: listOrNull(m.classifiers),
    yanked,
    yanked_reason: yanked ? (release.find((f) => f.yankedReason)?.yankedReason ?? null) : null,
    provides_extras: listOrNull(m.provides_extras),
    dynamic: listOrNull(m.dynamic),
    license_expression: m.license_expression,
    license_file: listOrNull(m.license_file),
  };
}

export function pypiFileJson(file: JsonApiFile): object {
  return {
    comment_text: '',
    digests: { md5: file.md5, sha256: file.sha256 },
    downloads: -1,
    filename: file.filename,
    has_sig: false,
    md5_digest: file.md5,
    packagetype: file.packagetype,
    python_version: file.pythonVersion,
    requires_python: file.requiresPython || null,
    size: file.size,
    upload_time: file.uploadTime === null ? null : formatUploadTimeSeconds(file.uploadTime),
    upload_time_iso_8601: file.uploadTime === null ? null : formatUploadTime(file.uploadTime),
    url: file.url,
    yanked: file.yanked,
    yanked_reason: file.yanked ? file.yankedReason : null,
  };
}

/** The files of the highest version (or of `wanted`), by PEP 440; empty if none match. */
function releaseFiles(files: readonly JsonApiFile[], wanted: Version | null): JsonApiFile[] {
  let best: Version | null = wanted;
  let chosen: JsonApiFile[] = [];
  for (const file of files) {
    const version = tryParseVersion(file.version);
    if (!version) continue;
    const order = best ? compareVersions(version, best) : 1;
    if (order === 0) chosen.push(file);
    else if (order > 0 && !wanted) {
      best = version;
      chosen = [file];
    }
  }
  return chosen;
}

/** The JSON document, or null when the project has no (such) version: the caller's 404. */
export function pypiProjectJson(project: JsonApiProject, options: PypiJsonOptions = {}): object | null {
  let wanted: Version | null = null;
  if (options.version !== undefined) {
    wanted = tryParseVersion(options.version);
    if (!wanted) return null;
  }
  const release = releaseFiles(project.files, wanted);
  if (release.length === 0) return null;
  const releases: Record<string, object[]> = {};
  for (const version of sortVersionStrings(project.files.map((f) => f.version))) releases[version] = [];
  for (const file of project.files) releases[file.version]!.push(pypiFileJson(file));
  return {
    info: info(release[0]!, release),
    last_serial: options.lastSerial ?? 0,
    releases,
    urls: release.map(pypiFileJson),
  };
}
