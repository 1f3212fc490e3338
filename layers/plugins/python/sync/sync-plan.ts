import { progressReport, type PluginServices, type Remote, type TaskContext } from '../../../plugin-api';
import { normalizeName } from '../names/project-name';
import { buildReleaseFilter } from '../requirements/release-filter';
import type { UpstreamIndex } from '../upstream/upstream-index';
import { selectFiles, syncSettings, type Selection } from './select-files';

export type Chosen = Selection['files'][number];

/** Where a sync keeps its plan between invocations (the task's scratch). */
export const PLAN = 'python-sync-plan';
/**
 * Reading project pages stops for a continuation when less than this is left of the
 * invocation (a quarter of what it had at most, so short invocations still get somewhere).
 */
const PAGES_RESERVE_MS = 60_000;

/** What a sync has of its plan: the projects, and what it chose from the pages read so far; `files` once all are read. */
interface SyncPlan {
  projects: string[];
  /** Chosen files by the project's index in `projects`. */
  chosen: Record<string, Chosen[]>;
  unverifiable: number;
  files?: Chosen[];
}

const report = (done: number, total: number | null, state: 'running' | 'completed' = 'running') => progressReport('sync.fetching.projects', 'Fetching Project Metadata', state, done, total);

/** The projects the sync looks at: those the includes name, else every one the upstream lists. */
async function projectsToSync(upstream: UpstreamIndex, includes: readonly string[] | null, allows: (name: string) => boolean): Promise<string[]> {
  const names = includes ?? (await upstream.projectNames());
  const byNormalized = new Map<string, string>();
  for (const name of names) if (allows(name) && !byNormalized.has(normalizeName(name))) byNormalized.set(normalizeName(name), name);
  return [...byNormalized.values()];
}

/**
 * The files this sync takes. A sync may run over several invocations, each from the top: a
 * continuation picks up the plan the invocation before kept (in the task's scratch) instead
 * of reading every project page again, and reading the pages itself stops near the end of an
 * invocation and goes on in the next from the projects not read yet.
 */
export async function plannedFiles(upstream: UpstreamIndex, remote: Remote, ctx: TaskContext, services: PluginServices): Promise<Chosen[]> {
  const kept = ctx.checkpoint !== undefined ? await services.scratch.load<SyncPlan>(ctx, PLAN) : undefined;
  if (kept?.files) return kept.files;
  const files = await chooseFiles(upstream, remote, ctx, services, kept);
  // Only downloads continue past this point.
  if (remote.policy === 'immediate') await services.scratch.save(ctx, PLAN, { projects: [], chosen: {}, unverifiable: 0, files } satisfies SyncPlan);
  return files;
}

/** Every chosen file of every project; projects the upstream lacks are skipped, as pulp_python does. */
async function chooseFiles(upstream: UpstreamIndex, remote: Remote, ctx: TaskContext, services: PluginServices, kept: SyncPlan | undefined): Promise<Chosen[]> {
  const settings = syncSettings(remote.extra);
  const filter = buildReleaseFilter(settings.includes, settings.excludes);
  const reserveMs = Math.min(PAGES_RESERVE_MS, ctx.remainingTimeMs() / 4);
  await ctx.progress(report(0, null));
  const plan: SyncPlan = kept ?? { projects: await projectsToSync(upstream, filter.includedProjects, (n) => filter.allowsProject(n)), chosen: {}, unverifiable: 0 };
  const { projects } = plan;
  const unread = [...projects.keys()].filter((i) => !(i in plan.chosen));
  let done = projects.length - unread.length;
  await upstream.eachProject(
    unread.map((i) => projects[i]!),
    async (j, files) => {
      const i = unread[j]!;
      if (done % 100 === 0) await ctx.throwIfCanceled();
      if (files === null) services.logger.warn('The upstream has no such project; skipping it', { project: projects[i] });
      const selection = selectFiles(projects[i]!, files ?? [], settings, filter);
      plan.unverifiable += selection.unverifiable;
      plan.chosen[i] = selection.files;
      done++;
      await ctx.progress(report(done, projects.length));
      if (ctx.remainingTimeMs() < reserveMs) {
        await services.scratch.save(ctx, PLAN, plan);
        ctx.continueLater({ readingProjectPages: done });
      }
    },
  );
  await ctx.progress(report(done, projects.length, 'completed'));
  if (plan.unverifiable) services.logger.warn('Upstream files without a sha256 were left out', { count: plan.unverifiable });
  // One file per filename across projects too (a version cannot hold two).
  const byFilename = new Map<string, Chosen>();
  for (const i of projects.keys()) for (const c of plan.chosen[i] ?? []) if (!byFilename.has(c.file.filename)) byFilename.set(c.file.filename, c);
  return [...byFilename.values()];
}
