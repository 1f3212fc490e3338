// Which of a project's upstream files a sync takes, by the remote's settings, as pulp_python's
// bandersnatch filters decide: includes/excludes ranges, pre-releases, package types, platforms
// and the N latest versions.

import type { IndexedFile } from '../content/package-fields';
import { excludedByPlatform, isExcludablePlatform, type ExcludablePlatform } from '../filenames/platform-exclusion';
import { packageTypeOf, pythonVersionOf } from '../filenames/package-type';
import { versionFromFilename } from '../filenames/file-version';
import type { ReleaseFilter } from '../requirements/release-filter';
import type { UpstreamFile } from '../upstream/upstream-pages';
import { sortVersionStrings } from '../versions/compare';
import { isPrerelease, tryParseVersion } from '../versions/version';

/** A remote's sync settings (its extra fields), with the server's defaults. */
export interface SyncSettings {
  includes: string[];
  excludes: string[];
  prereleases: boolean;
  packageTypes: string[];
  excludePlatforms: ExcludablePlatform[];
  keepLatest: number;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function syncSettings(extra: Record<string, unknown>): SyncSettings {
  return {
    includes: strings(extra.includes),
    excludes: strings(extra.excludes),
    prereleases: extra.prereleases === true,
    packageTypes: strings(extra.package_types),
    excludePlatforms: strings(extra.exclude_platforms).filter(isExcludablePlatform),
    keepLatest: typeof extra.keep_latest_packages === 'number' ? extra.keep_latest_packages : 0,
  };
}

export interface Selection {
  files: Array<{ file: IndexedFile; upstream: UpstreamFile }>;
  /** Upstream files with no sha256 to verify them by: left out. */
  unverifiable: number;
}

/** The project's files the settings take. */
export function selectFiles(project: string, upstream: readonly UpstreamFile[], settings: SyncSettings, filter: ReleaseFilter): Selection {
  const candidates: Selection['files'] = [];
  const seen = new Set<string>();
  let unverifiable = 0;
  for (const file of upstream) {
    const packagetype = packageTypeOf(file.filename);
    const version = packagetype ? versionFromFilename(file.filename, project) : null;
    const parsed = version === null ? null : tryParseVersion(version);
    if (!packagetype || version === null || !parsed) continue;
    if (!filter.allowsRelease(project, version)) continue;
    if (!settings.prereleases && isPrerelease(parsed)) continue;
    if (settings.packageTypes.length && !settings.packageTypes.includes(packagetype)) continue;
    if (excludedByPlatform({ filename: file.filename, packagetype }, settings.excludePlatforms)) continue;
    if (!file.sha256) {
      unverifiable++;
      continue;
    }
    // One file per filename: a version cannot hold two.
    if (seen.has(file.filename)) continue;
    seen.add(file.filename);
    const indexed: IndexedFile = {
      filename: file.filename,
      packagetype,
      project,
      version,
      sha256: file.sha256,
      size: file.size,
      pythonVersion: pythonVersionOf(file.filename),
      requiresPython: file.requiresPython,
      uploadTime: file.uploadTime,
      yanked: file.yanked,
      yankedReason: file.yankedReason,
    };
    candidates.push({ file: indexed, upstream: file });
  }
  if (settings.keepLatest > 0) {
    const kept = new Set(sortVersionStrings(candidates.map((c) => c.file.version)).slice(-settings.keepLatest));
    return { files: candidates.filter((c) => kept.has(c.file.version)), unverifiable };
  }
  return { files: candidates, unverifiable };
}
