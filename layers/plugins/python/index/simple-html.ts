// PEP 503 HTML pages of the simple index (repository version 1.1, PEP 629), with PEP 592
// yanked, PEP 658/714 metadata attributes and HTML-escaped Requires-Python.

import { normalizeName } from '../names/project-name';
import { escapeHtml } from './html-escape';
import type { IndexFile, IndexProject } from './records';

export const SIMPLE_API_VERSION = '1.1';

const page = (title: string, body: string): string =>
  '<!DOCTYPE html>\n<html>\n  <head>\n' +
  `    <title>${escapeHtml(title)}</title>\n` +
  `    <meta name="pypi:repository-version" content="${SIMPLE_API_VERSION}">\n` +
  '  </head>\n  <body>\n' +
  body +
  '  </body>\n</html>\n';

/** The project list: `<a href="<normalized>/">Display Name</a>` per project. */
export function renderSimpleIndexHtml(projectNames: readonly string[]): string {
  const links = projectNames
    .map((name) => `    <a href="${escapeHtml(normalizeName(name))}/">${escapeHtml(name)}</a><br/>\n`)
    .join('');
  return page('Simple Index', links);
}

/** One file's anchor, attributes only when they apply (metadata ones only if the file exists). */
export function renderFileAnchor(file: IndexFile): string {
  let attributes = `href="${escapeHtml(`${file.url}#sha256=${file.sha256}`)}"`;
  if (file.requiresPython) attributes += ` data-requires-python="${escapeHtml(file.requiresPython)}"`;
  if (file.yanked) attributes += ` data-yanked="${escapeHtml(file.yankedReason ?? '')}"`;
  if (file.metadataSha256) {
    const value = `sha256=${file.metadataSha256}`;
    attributes += ` data-dist-info-metadata="${value}" data-core-metadata="${value}"`;
  }
  return `<a ${attributes}>${escapeHtml(file.filename)}</a>`;
}

/** The project page: `Links for <name>` and one anchor per file, in the order given. */
export function renderProjectHtml(project: IndexProject): string {
  const title = `Links for ${project.name}`;
  const anchors = project.files.map((file) => `    ${renderFileAnchor(file)}<br/>\n`).join('');
  return page(title, `    <h1>${escapeHtml(title)}</h1>\n${anchors}`);
}
