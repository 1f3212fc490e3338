// An upstream index as a remote points at it: `remote.url` is the index root (PyPI's
// https://pypi.org/, a static mirror's root, another server's `/pypi/<base_path>/`), whose
// `simple/` lists projects and `simple/<name>/` their files. URLs are built from the remote's
// URL and normalized project names only: nothing a client sent is ever fetched.

import { DEFAULT_DOWNLOAD_CONCURRENCY, runPool, type DocumentRead, type Remote, type TaskContext } from '../../../plugin-api';

/** Reads an index page: the download service (a sync, the API) or the content app's own reader (pull-through). */
export interface PageReader {
  text(remote: Remote, url: string, limit: number, ctx?: TaskContext): Promise<{ text: string; url: string }>;
  /** Many pages for a task at once (the download service: in fetcher jobs of several pages). */
  readEach?(remote: Remote, urls: readonly string[], limit: number, ctx: TaskContext, each: (index: number, read: DocumentRead) => Promise<void>): Promise<void>;
}
import { normalizeName } from '../names/project-name';
import { looksLikeJson, parseProjectList, parseProjectPage, parsePypiJson, type UpstreamFile } from './upstream-pages';

/** PEP 691: JSON preferred, HTML accepted (static indexes and older servers only have HTML). */
export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
/** Index pages are text; a far larger one is not worth holding. */
const PAGE_LIMIT = 64 * 1024 * 1024;

/** The index root of a remote URL, ending in `/` (a URL given as `…/simple/` means its parent). */
export function indexRoot(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.search = '';
  let path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
  if (path.endsWith('/simple/')) path = path.slice(0, -'simple/'.length);
  parsed.pathname = path;
  return parsed.toString();
}

const statusOf = (error: unknown): number | undefined => (error as { status?: number }).status;

/** A project's files from PyPI's JSON API; null when the answer is not JSON (no such API there). */
const filesFromJsonApi = (text: string, url: string): UpstreamFile[] | null => (looksLikeJson(text) ? parsePypiJson(text, url) : null);


export class UpstreamIndex {
  readonly root: string;
  private readonly remote: Remote;

  constructor(
    private readonly reader: PageReader,
    remote: Remote,
    /** Inside a task, pages are read by fetchers (the worker may have no route to the internet). */
    private readonly ctx?: TaskContext,
  ) {
    this.root = indexRoot(remote.url);
    this.remote = { ...remote, headers: [...(remote.headers ?? []), { Accept: SIMPLE_ACCEPT }] };
  }

  simpleUrl(name?: string): string {
    return name === undefined ? `${this.root}simple/` : `${this.root}simple/${encodeURIComponent(normalizeName(name))}/`;
  }

  /** PyPI's JSON API for a project (`pypi/<name>/json`), where an upstream has no simple page for it. */
  jsonApiUrl(name: string): string {
    return `${this.root}pypi/${encodeURIComponent(normalizeName(name))}/json`;
  }

  /** Every project the upstream lists. */
  async projectNames(): Promise<string[]> {
    const page = await this.reader.text(this.remote, this.simpleUrl(), PAGE_LIMIT, this.ctx);
    return parseProjectList(page.text);
  }

  /**
   * A project's files from its simple page, or from PyPI's JSON API when the upstream has no
   * simple page for it; null when it has neither (the project does not exist there).
   */
  async projectFiles(name: string): Promise<UpstreamFile[] | null> {
    try {
      const page = await this.reader.text(this.remote, this.simpleUrl(name), PAGE_LIMIT, this.ctx);
      return parseProjectPage(page.text, page.url);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    const url = this.jsonApiUrl(name);
    try {
      const page = await this.reader.text(this.remote, url, PAGE_LIMIT, this.ctx);
      return filesFromJsonApi(page.text, page.url);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /**
   * Every named project's files, as projectFiles() gives them, handed to `each` with the
   * name's index as pages come (in no set order). In a task whose reader reads many pages at
   * once, the simple pages go out together, then PyPI's JSON API for those without one.
   */
  async eachProject(names: readonly string[], each: (index: number, files: UpstreamFile[] | null) => Promise<void>): Promise<void> {
    const { reader, ctx } = this;
    if (!reader.readEach || !ctx) {
      await runPool([...names.keys()], this.remote.download_concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY, async (i) => each(i, await this.projectFiles(names[i]!)));
      return;
    }
    const withoutPage: number[] = [];
    await reader.readEach(this.remote, names.map((name) => this.simpleUrl(name)), PAGE_LIMIT, ctx, async (i, read) => {
      if (read.ok) return each(i, parseProjectPage(read.text, read.url));
      if (statusOf(read.error) !== 404) throw read.error;
      withoutPage.push(i);
    });
    if (!withoutPage.length) return;
    const jsonUrls = withoutPage.map((i) => this.jsonApiUrl(names[i]!));
    await reader.readEach(this.remote, jsonUrls, PAGE_LIMIT, ctx, async (j, read) => {
      if (read.ok) return each(withoutPage[j]!, filesFromJsonApi(read.text, read.url));
      if (statusOf(read.error) !== 404) throw read.error;
      return each(withoutPage[j]!, null);
    });
  }
}
