// A local upstream package index for python tests and benchmarks: a static PEP 503 tree
// (`simple/`, `simple/<name>/`, `packages/<file>`), optionally with PEP 658 `.metadata` files,
// PEP 691 JSON pages, or only PyPI's JSON API (`pypi/<name>/json`). It counts requests per path.

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { closeServer, listenLocal } from './local-server';
import { buildSdist, buildWheel, coreMetadata, type BuiltDist, type DistSpec } from './python-dists';

export interface IndexedDist {
  project: string;
  dist: BuiltDist;
  sha256: string;
  /** The wheel's METADATA (what `<file>.metadata` serves). */
  metadata: Buffer | null;
  requiresPython?: string;
  yanked?: string | true;
}

export interface IndexServerOptions {
  /** Serve `<file>.metadata` for wheels and advertise it (data-core-metadata / core-metadata). */
  metadata?: boolean;
  /** Answer JSON (PEP 691) when the Accept header prefers it. */
  json?: boolean;
  /** No simple pages at all: only PyPI's JSON API. */
  jsonApiOnly?: boolean;
  /** Each project page (simple or JSON API) is answered after this long: a slow upstream. */
  pageDelayMs?: number;
  /** Each file (`/packages/…`) is answered after this long. */
  fileDelayMs?: number;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const normalize = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class PythonIndexServer {
  readonly dists: IndexedDist[] = [];
  /** Requests per path. */
  readonly hits = new Map<string, number>();
  /** TCP connections accepted (a fetcher job reads its pages over one). */
  connections = 0;
  /** Every request's path and when it arrived (ms). */
  readonly requests: { path: string; at: number }[] = [];
  url = '';
  private server: Server | undefined;

  constructor(readonly options: IndexServerOptions = {}) {}

  /** Adds a wheel and/or sdist of a spec; returns what was added. */
  addSpec(spec: DistSpec, extra: { kinds?: Array<'wheel' | 'sdist'>; yanked?: string | true } = {}): IndexedDist[] {
    const kinds = extra.kinds ?? ['wheel', 'sdist'];
    const added = kinds.map((kind) =>
      this.add(kind === 'wheel' ? buildWheel(spec) : buildSdist(spec), spec.name, {
        metadata: kind === 'wheel' ? Buffer.from(coreMetadata(spec)) : null,
        requiresPython: spec.requiresPython,
        yanked: extra.yanked,
      }),
    );
    return added;
  }

  add(dist: BuiltDist, project: string, extra: { metadata?: Buffer | null; requiresPython?: string; yanked?: string | true } = {}): IndexedDist {
    const entry: IndexedDist = { project, dist, sha256: sha256(dist.bytes), metadata: extra.metadata ?? null, requiresPython: extra.requiresPython, yanked: extra.yanked };
    this.dists.push(entry);
    this.byFilename.set(dist.filename, entry);
    this.byProject = undefined;
    return entry;
  }

  // Lookups for large indexes (benchmarks): by filename always, by project built on first use.
  private readonly byFilename = new Map<string, IndexedDist>();
  private byProject: Map<string, { name: string; dists: IndexedDist[] }> | undefined;

  /** Requests for distribution files (not pages, not `.metadata`). */
  fileHits(): number {
    return [...this.hits].filter(([p]) => p.startsWith('/packages/') && !p.endsWith('.metadata')).reduce((n, [, c]) => n + c, 0);
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  private projects(): Map<string, { name: string; dists: IndexedDist[] }> {
    if (this.byProject) return this.byProject;
    const projects = new Map<string, { name: string; dists: IndexedDist[] }>();
    for (const d of this.dists) {
      const p = projects.get(normalize(d.project)) ?? { name: d.project, dists: [] };
      p.dists.push(d);
      projects.set(normalize(d.project), p);
    }
    this.byProject = projects;
    return projects;
  }

  private anchor(d: IndexedDist): string {
    let attrs = `href="../../packages/${encodeURIComponent(d.dist.filename)}#sha256=${d.sha256}"`;
    if (d.requiresPython) attrs += ` data-requires-python="${escapeHtml(d.requiresPython)}"`;
    if (d.yanked !== undefined) attrs += d.yanked === true ? ' data-yanked' : ` data-yanked="${escapeHtml(d.yanked)}"`;
    if (this.options.metadata && d.metadata) attrs += ` data-core-metadata="sha256=${sha256(d.metadata)}"`;
    return `<a ${attrs}>${escapeHtml(d.dist.filename)}</a><br/>\n`;
  }

  private projectJson(name: string, dists: IndexedDist[]): object {
    return {
      meta: { 'api-version': '1.1' },
      name,
      files: dists.map((d) => ({
        filename: d.dist.filename,
        url: `../../packages/${encodeURIComponent(d.dist.filename)}`,
        hashes: { sha256: d.sha256 },
        'requires-python': d.requiresPython ?? null,
        'core-metadata': this.options.metadata && d.metadata ? { sha256: sha256(d.metadata) } : false,
        size: d.dist.bytes.length,
        'upload-time': '2024-05-01T12:00:00.000000Z',
        yanked: d.yanked ?? false,
      })),
      versions: [],
    };
  }

  private pypiJson(dists: IndexedDist[]): object {
    const releases: Record<string, object[]> = {};
    for (const d of dists) {
      const version = d.dist.filename.endsWith('.whl') ? d.dist.filename.split('-')[1]! : d.dist.filename.replace(/\.tar\.gz$/, '').split('-').pop()!;
      (releases[version] ??= []).push({
        filename: d.dist.filename,
        url: `${this.url}/packages/${encodeURIComponent(d.dist.filename)}`,
        digests: { sha256: d.sha256 },
        requires_python: d.requiresPython ?? null,
        size: d.dist.bytes.length,
        upload_time_iso_8601: '2024-05-01T12:00:00.000000Z',
        yanked: d.yanked !== undefined,
        yanked_reason: typeof d.yanked === 'string' ? d.yanked : null,
      });
    }
    return { info: {}, last_serial: 1, releases, urls: [] };
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      if (this.options.pageDelayMs && /^\/(simple|pypi)\/[^/]+\//.test(path)) await new Promise((r) => setTimeout(r, this.options.pageDelayMs));
      if (this.options.fileDelayMs && path.startsWith('/packages/')) await new Promise((r) => setTimeout(r, this.options.fileDelayMs));
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      this.requests.push({ path, at: Date.now() });
      const send = (status: number, type: string, body: string | Buffer) => res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
      const projects = this.projects();
      const wantsJson = this.options.json && /application\/vnd\.pypi\.simple\.v1\+json/.test(String(req.headers.accept ?? ''));
      let m: RegExpExecArray | null;
      if (!this.options.jsonApiOnly && path === '/simple/') {
        const links = [...projects.values()].map((p) => `<a href="${normalize(p.name)}/">${escapeHtml(p.name)}</a><br/>\n`).join('');
        return send(200, 'text/html', `<!DOCTYPE html><html><body>\n${links}</body></html>\n`);
      }
      if (!this.options.jsonApiOnly && (m = /^\/simple\/([^/]+)\/$/.exec(path))) {
        const project = projects.get(m[1]!);
        if (!project) return send(404, 'text/plain', 'not found');
        if (wantsJson) return send(200, 'application/vnd.pypi.simple.v1+json', JSON.stringify(this.projectJson(m[1]!, project.dists)));
        return send(200, 'text/html', `<!DOCTYPE html><html><body><h1>Links for ${escapeHtml(project.name)}</h1>\n${project.dists.map((d) => this.anchor(d)).join('')}</body></html>\n`);
      }
      if ((m = /^\/pypi\/([^/]+)\/json$/.exec(path))) {
        const project = projects.get(normalize(m[1]!));
        return project ? send(200, 'application/json', JSON.stringify(this.pypiJson(project.dists))) : send(404, 'text/plain', 'not found');
      }
      if ((m = /^\/packages\/(.+)$/.exec(path))) {
        const name = m[1]!;
        const isMetadata = name.endsWith('.metadata');
        const d = this.byFilename.get(isMetadata ? name.slice(0, -'.metadata'.length) : name);
        if (d && !isMetadata) return send(200, 'application/octet-stream', d.dist.bytes);
        if (d && isMetadata && this.options.metadata && d.metadata) return send(200, 'application/octet-stream', d.metadata);
      }
      return send(404, 'text/plain', 'not found');
    });
    this.server.on('connection', () => this.connections++);
    this.url = await listenLocal(this.server);
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await closeServer(this.server);
  }
}
