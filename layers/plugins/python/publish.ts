import type { MetadataFile, PublishFunction } from '../../plugin-api';
import type { IndexFile } from './index/records';
import { renderProjectHtml, renderSimpleIndexHtml } from './index/simple-html';
import { normalizeName } from './names/project-name';
import { indexFileOfUnit } from './serving/index-records';
import { packagesIn } from './serving/index-view';

const html = (relativePath: string, text: string): MetadataFile => ({ relativePath, body: Buffer.from(text, 'utf8'), contentType: 'text/html' });

/**
 * pulp_python's (deprecated) publication: a static PEP 503 `simple/` tree served by the content
 * app beside the files, with links relative to each page so the tree works at any origin.
 */
export const publishSimple: PublishFunction = async ({ version }, ctx, services) => {
  const projects = new Map<string, { name: string; files: IndexFile[] }>();
  for (const unit of await packagesIn(services, version)) {
    const normalized = normalizeName(String(unit.fields.name_normalized));
    const project = projects.get(normalized) ?? { name: String(unit.fields.name), files: [] };
    project.files.push(indexFileOfUnit(unit, `../../${encodeURIComponent(String(unit.fields.filename))}`));
    projects.set(normalized, project);
  }
  await ctx.throwIfCanceled();
  const names = [...projects.keys()].sort();
  const metadata = [html('simple/index.html', renderSimpleIndexHtml(names.map((n) => projects.get(n)!.name)))];
  for (const name of names) metadata.push(html(`simple/${name}/index.html`, renderProjectHtml(projects.get(name)!)));
  return { passThrough: true, metadata };
};
