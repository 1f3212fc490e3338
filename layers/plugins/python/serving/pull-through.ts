// Pull-through: a distribution with a remote also serves the remote's projects. Everything
// fetched is named by the remote's index (its URL plus a normalized project name), never by
// the client's request: a file is served only if the upstream's own page lists it.

import type { Remote } from '../../../plugin-api';
import { packageTypeOf } from '../filenames/package-type';
import { parseWheelFilename } from '../filenames/wheel-filename';
import { isValidProjectName, normalizeName } from '../names/project-name';
import { buildReleaseFilter } from '../requirements/release-filter';
import { syncSettings } from '../sync/select-files';
import { versionFromFilename } from '../filenames/file-version';
import { UpstreamIndex, type PageReader } from '../upstream/upstream-index';
import type { UpstreamFile } from '../upstream/upstream-pages';

/**
 * A project's files at the remote, as far as the remote's includes and excludes let it serve
 * them (pulp_python applies only those to pull-through); null when the project is not there.
 */
export async function upstreamFiles(reader: PageReader, remote: Remote, project: string): Promise<UpstreamFile[] | null> {
  const settings = syncSettings(remote.extra);
  const filter = buildReleaseFilter(settings.includes, settings.excludes);
  if (!isValidProjectName(project) || !filter.allowsProject(project)) return null;
  const files = await new UpstreamIndex(reader, remote).projectFiles(project);
  if (files === null) return null;
  return files.filter((file) => {
    const version = versionFromFilename(file.filename, project);
    return version !== null && filter.allowsRelease(project, version);
  });
}

/**
 * The projects a filename may belong to: a wheel names its project; an sdist's name ends where
 * its version starts, a dash followed by a digit (`foo-bar-1.0.tar.gz`), which may be ambiguous.
 */
export function projectCandidates(filename: string): string[] {
  if (!packageTypeOf(filename)) return [];
  if (filename.endsWith('.whl')) {
    try {
      return [parseWheelFilename(filename).normalizedName];
    } catch {
      return [];
    }
  }
  const parts = filename.split('-');
  const names: string[] = [];
  for (let i = 1; i < parts.length; i++) if (/^\d/.test(parts[i]!)) names.push(normalizeName(parts.slice(0, i).join('-')));
  return [...new Set(names)].filter(isValidProjectName);
}

/** The upstream's entry for a filename, if the remote's index lists it. */
export async function findUpstreamFile(reader: PageReader, remote: Remote, filename: string): Promise<{ project: string; file: UpstreamFile } | null> {
  for (const project of projectCandidates(filename)) {
    const file = (await upstreamFiles(reader, remote, project))?.find((f) => f.filename === filename);
    if (file) return { project, file };
  }
  return null;
}
