import type { DistributionAttributes } from '../models/distribution';
import { arg, defineTask, TaskArgumentsInvalid, type TaskHandle } from './task-definition';

/**
 * Core's tasks, by the names Pulp records. Pulp's generic create/update/delete tasks serve
 * every model under one name each; `kind` says which object they act on.
 */

/** Where the bytes of a content unit being created come from. */
export type ContentSource =
  | { kind: 'artifact'; artifactId: string }
  | { kind: 'upload'; uploadId: string }
  | { kind: 'url'; url: string };

export type GeneralCreateArgs =
  | {
      kind: 'content';
      pulpType: string;
      source: ContentSource;
      /** The type-specific fields of the request. */
      body: Record<string, unknown>;
      pulpLabels: Record<string, string>;
      repositoryId?: string;
    }
  | { kind: 'distribution'; pulpType: string; input: DistributionAttributes };

export type ObjectKindName = 'repository' | 'remote' | 'distribution';

export interface GeneralUpdateArgs {
  kind: ObjectKindName;
  id: string;
  patch: Record<string, unknown>;
}

export interface GeneralDeleteArgs {
  kind: ObjectKindName;
  id: string;
}

const kindOf = (raw: Record<string, unknown>, allowed: readonly string[]): string => {
  const kind = arg.string(raw, 'kind');
  if (!allowed.includes(kind)) throw new TaskArgumentsInvalid(`Unknown kind "${kind}".`);
  return kind;
};

export const generalCreate = defineTask<GeneralCreateArgs>('pulpcore.app.tasks.base.general_create', (raw) => {
  kindOf(raw, ['content', 'distribution']);
  arg.string(raw, 'pulpType');
  return raw as unknown as GeneralCreateArgs;
});

export const generalUpdate = defineTask<GeneralUpdateArgs>('pulpcore.app.tasks.base.general_update', (raw) => ({
  kind: kindOf(raw, ['repository', 'remote', 'distribution']) as ObjectKindName,
  id: arg.string(raw, 'id'),
  patch: arg.record(raw, 'patch'),
}));

export const generalDelete = defineTask<GeneralDeleteArgs>('pulpcore.app.tasks.base.general_delete', (raw) => ({
  kind: kindOf(raw, ['repository', 'remote', 'distribution']) as ObjectKindName,
  id: arg.string(raw, 'id'),
}));

export interface ModifyArgs {
  repositoryId: string;
  add: string[];
  remove: string[] | '*';
  baseVersionId?: string;
}

export const modifyTask = defineTask<ModifyArgs>('pulpcore.app.tasks.repository.add_and_remove', (raw) => ({
  repositoryId: arg.string(raw, 'repositoryId'),
  add: arg.strings(raw, 'add'),
  remove: raw.remove === '*' ? '*' : arg.strings(raw, 'remove'),
  baseVersionId: arg.optionalString(raw, 'baseVersionId'),
}));

export interface VersionArgs {
  repositoryId: string;
  number: number;
}

export const deleteVersionTask = defineTask<VersionArgs>('pulpcore.app.tasks.repository.delete_version', (raw) => ({
  repositoryId: arg.string(raw, 'repositoryId'),
  number: arg.number(raw, 'number'),
}));

export interface RepairArgs {
  versionId: string;
  verifyChecksums: boolean;
}

export const repairTask = defineTask<RepairArgs>('pulpcore.app.tasks.repository.repair_version', (raw) => ({
  versionId: arg.string(raw, 'versionId'),
  verifyChecksums: arg.boolean(raw, 'verifyChecksums', true),
}));

export interface CommitUploadArgs {
  uploadId: string;
  sha256: string;
}

export const commitUploadTask = defineTask<CommitUploadArgs>('pulpcore.app.tasks.upload.commit', (raw) => ({
  uploadId: arg.string(raw, 'uploadId'),
  sha256: arg.string(raw, 'sha256'),
}));

export interface OrphanCleanupArgs {
  contentIds?: string[];
  protectionMinutes: number;
}

export const orphanCleanupTask = defineTask<OrphanCleanupArgs>('pulpcore.app.tasks.orphan.orphan_cleanup', (raw) => ({
  contentIds: raw.contentIds === undefined || raw.contentIds === null ? undefined : arg.strings(raw, 'contentIds'),
  protectionMinutes: arg.number(raw, 'protectionMinutes'),
}));

export interface PurgeArgs {
  finished_before: string;
  states?: string[];
}

export const purgeTask = defineTask<PurgeArgs>('pulpcore.app.tasks.purge.purge', (raw) => ({
  finished_before: arg.string(raw, 'finished_before'),
  states: raw.states === undefined ? undefined : arg.strings(raw, 'states'),
}));

export interface SyncArgs {
  repositoryId: string;
  remoteId: string;
  mirror: boolean;
  /** The sync body's type-specific fields. */
  options: Record<string, unknown>;
}

/** The handle of a repository type's sync, under the name its plugin gives it. */
export function syncTask(name: string): TaskHandle<SyncArgs> {
  return defineTask<SyncArgs>(name, (raw) => ({
    repositoryId: arg.string(raw, 'repositoryId'),
    remoteId: arg.string(raw, 'remoteId'),
    mirror: arg.boolean(raw, 'mirror'),
    options: arg.record(raw, 'options'),
  }));
}

export interface PublishArgs {
  pulpType: string;
  versionId: string;
  checkpoint: boolean;
  fields: Record<string, unknown>;
}

/** The handle of a publication type's publish, under the name its plugin gives it. */
export function publishTask(name: string): TaskHandle<PublishArgs> {
  return defineTask<PublishArgs>(name, (raw) => ({
    pulpType: arg.string(raw, 'pulpType'),
    versionId: arg.string(raw, 'versionId'),
    checkpoint: arg.boolean(raw, 'checkpoint'),
    fields: arg.record(raw, 'fields'),
  }));
}
