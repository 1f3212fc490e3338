import { isUuid } from './ids';

/**
 * Maps API hrefs to Pulp Resource Names and back. Reservations are recorded as PRNs
 * (`prn:file.filerepository:<uuid>`), while pulp-cli filters tasks by href or PRN.
 * Plugins register their collections here.
 */
const collections: Array<{ prefix: string; model: string }> = [];

export function registerCollection(prefix: string, model: string): void {
  if (!collections.some((c) => c.prefix === prefix)) collections.push({ prefix, model });
}

export function hrefToPrn(href: string): string | undefined {
  if (href.startsWith('prn:') || href.startsWith('pdrn:')) return href;
  for (const { prefix, model } of collections) {
    if (!href.startsWith(prefix)) continue;
    const rest = href.slice(prefix.length).split('/');
    const id = rest[0] ?? '';
    // Sub-resources such as `{repo}versions/3/` name their own model.
    if (isUuid(id) && (rest.length === 2 && rest[1] === '')) return `prn:${model}:${id.toLowerCase()}`;
  }
  return undefined;
}

export function prnToHref(name: string): string | undefined {
  const match = /^prn:([a-z_]+\.[a-z_]+):([0-9a-f-]{36})$/.exec(name);
  if (!match) return undefined;
  const entry = collections.find((c) => c.model === match[1]);
  return entry ? `${entry.prefix}${match[2]}/` : undefined;
}

registerCollection('/pulp/api/v3/tasks/', 'core.task');
registerCollection('/pulp/api/v3/task-groups/', 'core.taskgroup');
registerCollection('/pulp/api/v3/workers/', 'core.worker');
registerCollection('/pulp/api/v3/artifacts/', 'core.artifact');
registerCollection('/pulp/api/v3/uploads/', 'core.upload');
