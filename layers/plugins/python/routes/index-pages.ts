// What `/pypi/<base_path>/…` GETs answer: the summary, the simple index (project list and
// project pages, HTML or JSON), and PyPI's JSON API, from the served version's packages and,
// for a pull-through distribution, the remote's files.

import { HttpError, type ApiRequest, type ApiResponse, type PluginServices } from '../../../plugin-api';
import { isJsonType, negotiateSimpleContentType } from '../index/negotiation';
import { pypiProjectJson } from '../index/pypi-json';
import type { IndexFile, IndexProject } from '../index/records';
import { renderProjectHtml, renderSimpleIndexHtml } from '../index/simple-html';
import { simpleIndexJson, simpleProjectJson } from '../index/simple-json';
import { normalizeName } from '../names/project-name';
import { indexFileOfUnit, indexFileOfUpstream, jsonApiFileOfUnit } from '../serving/index-records';
import { fileUrl, packagesIn, type IndexView } from '../serving/index-view';
import { upstreamFiles } from '../serving/pull-through';
import { etagOf, indexPage, LAST_SERIAL, matches, notModified, pageBody, type PageBody } from './index-response';

const byFilename = (a: IndexFile, b: IndexFile): number => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0);

/** The index serves nothing at all: no repository and no remote. */
function requireSource(view: IndexView): void {
  if (!view.version && !view.remote) throw new HttpError(404, { detail: 'No repository associated with this index' });
}

/**
 * A validator for pages made from the stored version only: known before reading anything, so
 * a revalidation costs one lookup. Pull-through pages change with the remote and are hashed.
 */
function versionTag(view: IndexView, ...parts: string[]): string | undefined {
  if (view.remote) return undefined;
  return etagOf(view.version?.id ?? 'none', view.distribution.id, view.distribution.pulpLastUpdated, view.filesUrl, ...parts);
}

/**
 * The page from the process's cache when it is made from the stored version only (its
 * validator names the version, so a cached page is never stale), else rendered now.
 */
async function cachedBody(services: PluginServices, etag: string | undefined, render: () => Promise<string>): Promise<PageBody> {
  if (!etag) return pageBody(await render());
  const key = `python-index\u0000${etag}`;
  const text = (await services.derivedBody(key, async () => Buffer.from(await render(), 'utf8'))).toString('utf8');
  return { text, gzip: () => services.derivedBody(`${key}\u0000gzip`, () => pageBody(text).gzip()) };
}

/** `/pypi/<base_path>/`: how many projects, releases and files the index holds. */
export async function summary(services: PluginServices, view: IndexView): Promise<ApiResponse> {
  requireSource(view);
  const units = view.version ? await packagesIn(services, view.version) : [];
  const releases = new Set(units.map((u) => `${String(u.fields.name_normalized)}\u0000${String(u.fields.version)}`));
  const projects = new Set(units.map((u) => String(u.fields.name_normalized)));
  return { status: 200, body: { projects: projects.size, releases: releases.size, files: units.length } };
}

function negotiated(req: ApiRequest) {
  return negotiateSimpleContentType(req.headers.accept, typeof req.query.format === 'string' ? req.query.format : undefined);
}

/** `simple/`: every project of the served version, by normalized name. */
export async function simpleIndex(req: ApiRequest, services: PluginServices, view: IndexView): Promise<ApiResponse> {
  requireSource(view);
  const type = negotiated(req);
  const etag = versionTag(view, 'index', type);
  if (etag && matches(req, etag)) return notModified(req, etag);
  const body = await cachedBody(services, etag, async () => {
    const names = new Map<string, string>();
    for (const unit of view.version ? await packagesIn(services, view.version) : []) {
      const normalized = String(unit.fields.name_normalized);
      if (!names.has(normalized)) names.set(normalized, String(unit.fields.name));
    }
    const sorted = [...names.keys()].sort().map((n) => names.get(n)!);
    return isJsonType(type) ? JSON.stringify(simpleIndexJson(sorted, { lastSerial: LAST_SERIAL })) : renderSimpleIndexHtml(sorted);
  });
  return indexPage(req, body, type, etag);
}

/** A project's files: local ones, then (pull-through) the remote's that no local file shadows. */
async function projectFiles(services: PluginServices, view: IndexView, normalized: string): Promise<IndexProject | null> {
  const local = view.version ? await packagesIn(services, view.version, [{ field: 'name_normalized', op: 'eq', value: normalized }]) : [];
  const files = local.map((u) => indexFileOfUnit(u, fileUrl(view, String(u.fields.filename))));
  if (view.remote) {
    const shown = new Set(files.map((f) => f.filename));
    const upstream = await upstreamFiles(services.downloads, view.remote, normalized).catch((error: unknown) => {
      services.logger.warn('The pull-through remote could not be read; showing local files only', { project: normalized, error: String(error) });
      return null;
    });
    for (const file of upstream ?? []) {
      if (shown.has(file.filename)) continue;
      const entry = indexFileOfUpstream(file, normalized, fileUrl(view, file.filename));
      if (entry) files.push(entry);
    }
  }
  if (!files.length) return null;
  return { name: local.length ? String(local[0]!.fields.name) : normalized, files: files.sort(byFilename) };
}

/** `simple/<name>/`: any spelling of the name, answered for its normalized form (no redirect). */
export async function simpleProject(req: ApiRequest, services: PluginServices, view: IndexView, name: string): Promise<ApiResponse> {
  requireSource(view);
  const normalized = normalizeName(name);
  const type = negotiated(req);
  const etag = versionTag(view, 'project', normalized, type);
  if (etag && matches(req, etag)) return notModified(req, etag);
  // A missing project throws out of the load: only pages are kept.
  const body = await cachedBody(services, etag, async () => {
    const project = await projectFiles(services, view, normalized);
    if (!project) throw new HttpError(404, `${normalized} does not exist.`, { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Accept' });
    return isJsonType(type) ? JSON.stringify(simpleProjectJson(project, { lastSerial: LAST_SERIAL })) : renderProjectHtml(project);
  });
  return indexPage(req, body, type, etag);
}

/** `pypi/<name>/json/` and `pypi/<name>/<version>/json/`: PyPI's JSON API over the served version. */
export async function pypiJson(req: ApiRequest, services: PluginServices, view: IndexView, name: string, version?: string): Promise<ApiResponse> {
  requireSource(view);
  const normalized = normalizeName(name);
  const units = view.version ? await packagesIn(services, view.version, [{ field: 'name_normalized', op: 'eq', value: normalized }]) : [];
  const files = units.map((u) => jsonApiFileOfUnit(u, fileUrl(view, String(u.fields.filename))));
  const project = units.length ? String(units[0]!.fields.name) : normalized;
  const document = pypiProjectJson({ name: project, files }, { version, lastSerial: LAST_SERIAL });
  if (!document) throw new HttpError(404, { detail: 'Not found.' });
  return indexPage(req, pageBody(JSON.stringify(document)), 'application/json');
}
