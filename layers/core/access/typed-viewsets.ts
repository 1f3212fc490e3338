import { creatorGets, SCOPED, type PolicyStatement } from './access-policy';
import { modelPermissions, permissionName, type ViewsetAccess } from './viewset-access';

/** What access control needs to know of one installed repository, remote, publication, distribution or content type. */
export interface TypeAccess {
  kind: 'repositories' | 'remotes' | 'publications' | 'distributions' | 'content';
  /** `file.filerepository` */
  model: string;
  /** `repositories/file/file` */
  viewset: string;
  /** Repositories: whether the type syncs; its remote types' models. */
  syncable?: boolean;
  remoteModels?: string[];
  /** Publications, distributions and content: the repository types' models they relate to. */
  repositoryModels?: string[];
  /** Distributions: the publication types' models they may serve. */
  publicationModels?: string[];
}

const allow = (action: string[], condition?: string | string[]): PolicyStatement => ({
  action,
  principal: 'authenticated',
  effect: 'allow',
  ...(condition === undefined ? {} : { condition }),
});

const perms = (models: string[] | undefined, verb: string): string => (models ?? []).map((m) => permissionName(m, verb)).join(',');

/** `<model>_creator` / `_owner` / `_viewer`, Pulp's locked roles of a type. */
function typeRoles(model: string, ownerVerbs: string[]): ViewsetAccess['lockedRoles'] {
  const p = (verb: string) => permissionName(model, verb);
  return {
    [`${model}_creator`]: { permissions: [p('add')] },
    [`${model}_owner`]: { permissions: ownerVerbs.map(p) },
    [`${model}_viewer`]: { permissions: [p('view')] },
  };
}

function repositoryViewsets(t: TypeAccess): ViewsetAccess[] {
  const p = (verb: string) => `has_model_or_domain_or_obj_perms:${permissionName(t.model, verb)}`;
  const remoteParam = t.remoteModels?.length ? [`has_remote_param_model_or_domain_or_obj_perms:${perms(t.remoteModels, 'view')}`] : [];
  const extras = ['modify', 'repair', 'manage_roles', ...(t.syncable ? ['sync'] : [])];
  const repository: ViewsetAccess = {
    name: t.viewset,
    model: t.model,
    permissions: modelPermissions(t.model, ...extras),
    lockedRoles: typeRoles(t.model, ['view', 'change', 'delete', ...extras]),
    defaultPolicy: {
      statements: [
        allow(['list', 'my_permissions']),
        allow(['create'], [`has_model_or_domain_perms:${permissionName(t.model, 'add')}`, ...remoteParam]),
        allow(['retrieve'], p('view')),
        allow(['destroy'], [p('delete'), p('view')]),
        allow(['update', 'partial_update', 'set_label', 'unset_label'], [p('change'), p('view'), ...remoteParam]),
        ...(t.syncable ? [allow(['sync'], [p('sync'), ...remoteParam, p('view')])] : []),
        allow(['modify'], [p('modify'), p('view')]),
        // Repairs, core's and a type's own (pulp_python's repair_metadata), need the repair permission.
        allow(['repair', 'repair_metadata'], [p('repair'), p('view')]),
        allow(['list_roles', 'add_role', 'remove_role'], p('manage_roles')),
      ],
      creation_hooks: creatorGets(`${t.model}_owner`),
      queryset_scoping: SCOPED,
    },
  };
  const r = (verb: string) => `has_repository_model_or_domain_or_obj_perms:${permissionName(t.model, verb)}`;
  const versions: ViewsetAccess = {
    name: `${t.viewset}/versions`,
    defaultPolicy: {
      statements: [
        allow(['list', 'retrieve'], r('view')),
        allow(['destroy'], [r('delete'), r('view')]),
        allow(['repair'], [r('repair'), r('view')]),
      ],
    },
  };
  return [repository, versions];
}

/** Remotes and distributions: CRUD, labels and roles on objects of the type. */
function crudViewset(t: TypeAccess, createConditions: string[], updateConditions: string[]): ViewsetAccess {
  const p = (verb: string) => `has_model_or_domain_or_obj_perms:${permissionName(t.model, verb)}`;
  return {
    name: t.viewset,
    model: t.model,
    permissions: modelPermissions(t.model, 'manage_roles'),
    lockedRoles: typeRoles(t.model, ['view', 'change', 'delete', 'manage_roles']),
    defaultPolicy: {
      statements: [
        allow(['list', 'my_permissions']),
        allow(['create'], [`has_model_or_domain_perms:${permissionName(t.model, 'add')}`, ...createConditions]),
        allow(['retrieve'], p('view')),
        allow(['update', 'partial_update', 'set_label', 'unset_label'], [p('change'), p('view'), ...updateConditions]),
        allow(['destroy'], [p('delete'), p('view')]),
        allow(['list_roles', 'add_role', 'remove_role'], p('manage_roles')),
      ],
      creation_hooks: creatorGets(`${t.model}_owner`),
      queryset_scoping: SCOPED,
    },
  };
}

function publicationViewset(t: TypeAccess): ViewsetAccess {
  const p = (verb: string) => `has_model_or_domain_or_obj_perms:${permissionName(t.model, verb)}`;
  const repoParam = t.repositoryModels?.length ? [`has_repo_or_repo_ver_param_model_or_domain_or_obj_perms:${perms(t.repositoryModels, 'view')}`] : [];
  return {
    name: t.viewset,
    model: t.model,
    permissions: modelPermissions(t.model, 'manage_roles'),
    lockedRoles: typeRoles(t.model, ['view', 'delete', 'manage_roles']),
    defaultPolicy: {
      statements: [
        allow(['list', 'my_permissions']),
        allow(['create'], [`has_model_or_domain_perms:${permissionName(t.model, 'add')}`, ...repoParam]),
        allow(['retrieve'], p('view')),
        allow(['destroy'], [p('delete'), p('view')]),
        allow(['list_roles', 'add_role', 'remove_role'], p('manage_roles')),
      ],
      creation_hooks: creatorGets(`${t.model}_owner`),
      queryset_scoping: SCOPED,
    },
  };
}

function contentViewset(t: TypeAccess): ViewsetAccess {
  const repos = t.repositoryModels ?? [];
  return {
    name: t.viewset,
    model: t.model,
    permissions: modelPermissions(t.model),
    defaultPolicy: {
      statements: [
        allow(['list', 'retrieve']),
        allow(['create'], [
          ...(repos.length
            ? [`has_required_repo_perms_on_upload:${perms(repos, 'modify')}`, `has_required_repo_perms_on_upload:${perms(repos, 'view')}`]
            : []),
          'has_upload_param_model_or_domain_or_obj_perms:core.change_upload',
        ]),
        allow(['set_label', 'unset_label'], 'has_model_or_domain_perms:core.manage_content_labels'),
      ],
      queryset_scoping: SCOPED,
    },
  };
}

/** The viewsets an installed type brings, with Pulp's default policies and locked roles for it. */
export function typedViewsets(t: TypeAccess): ViewsetAccess[] {
  switch (t.kind) {
    case 'repositories':
      return repositoryViewsets(t);
    case 'remotes':
      return [crudViewset(t, [], [])];
    case 'distributions': {
      const params = [
        ...(t.repositoryModels?.length ? [`has_repo_or_repo_ver_param_model_or_domain_or_obj_perms:${perms(t.repositoryModels, 'view')}`] : []),
        ...(t.publicationModels?.length ? [`has_publication_param_model_or_domain_or_obj_perms:${perms(t.publicationModels, 'view')}`] : []),
      ];
      return [crudViewset(t, params, params)];
    }
    case 'publications':
      return [publicationViewset(t)];
    case 'content':
      return [contentViewset(t)];
  }
}
