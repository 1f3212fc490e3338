import { creatorGets, SCOPED, type PolicyDocument, type PolicyStatement } from './access-policy';
import { modelPermissions, permissionName, type ViewsetAccess } from './viewset-access';

const allow = (action: string[], condition?: string | string[], principal = 'authenticated'): PolicyStatement => ({
  action,
  principal,
  effect: 'allow',
  ...(condition === undefined ? {} : { condition }),
});

/** A generic list (`repositories/`, `content/`, ...): anyone signed in, scoped to what they may see. */
const scopedList: PolicyDocument = { statements: [allow(['list'])], queryset_scoping: SCOPED };

/** Everyone, signed in or not (status, the API document). */
const open: PolicyDocument = { statements: [allow(['*'], undefined, '*')] };

/** The four content guard types Pulp's core has, and their models. */
export const GUARD_TYPES = [
  { type: 'rbac', pulpType: 'core.rbac', model: 'core.rbaccontentguard', className: 'RBACContentGuard', hrefParameter: 'r_b_a_c_content_guard_href' },
  { type: 'header', pulpType: 'core.header', model: 'core.headercontentguard', className: 'HeaderContentGuard', hrefParameter: 'header_content_guard_href' },
  {
    type: 'content_redirect',
    pulpType: 'core.content_redirect',
    model: 'core.contentredirectcontentguard',
    className: 'ContentRedirectContentGuard',
    hrefParameter: 'content_redirect_content_guard_href',
  },
  { type: 'composite', pulpType: 'core.composite', model: 'core.compositecontentguard', className: 'CompositeContentGuard', hrefParameter: 'composite_content_guard_href' },
] as const;

export type GuardType = (typeof GUARD_TYPES)[number];

/** An object type with Pulp's CRUD + roles policy: `core.group`, `core.upload`, the guards. */
function ownedViewset(name: string, model: string, extra: { statements?: PolicyStatement[]; owner?: string[]; roles?: ViewsetAccess['lockedRoles']; creatorRoles?: string[] } = {}): ViewsetAccess {
  const p = (verb: string) => `has_model_or_domain_or_obj_perms:${permissionName(model, verb)}`;
  return {
    name,
    model,
    permissions: modelPermissions(model, 'manage_roles', ...(extra.owner ?? [])),
    lockedRoles: {
      [`${model}_creator`]: { permissions: [permissionName(model, 'add')] },
      [`${model}_owner`]: { permissions: ['view', 'change', 'delete', 'manage_roles'].map((v) => permissionName(model, v)) },
      [`${model}_viewer`]: { permissions: [permissionName(model, 'view')] },
      ...extra.roles,
    },
    defaultPolicy: {
      statements: [
        allow(['list']),
        allow(['create'], `has_model_or_domain_perms:${permissionName(model, 'add')}`),
        allow(['retrieve', 'my_permissions'], p('view')),
        allow(['update', 'partial_update'], p('change')),
        allow(['destroy'], p('delete')),
        ...(extra.statements ?? []),
        allow(['list_roles', 'add_role', 'remove_role'], p('manage_roles')),
      ],
      creation_hooks: creatorGets(...(extra.creatorRoles ?? [`${model}_owner`])),
      queryset_scoping: SCOPED,
    },
  };
}

const task: ViewsetAccess = {
  name: 'tasks',
  model: 'core.task',
  permissions: [...modelPermissions('core.task', 'manage_roles'), 'core.view_task_profile_artifacts'],
  lockedRoles: {
    'core.task_owner': {
      description: 'Allow all actions on a task.',
      permissions: ['core.view_task', 'core.view_task_profile_artifacts', 'core.change_task', 'core.delete_task', 'core.manage_roles_task'],
    },
    'core.task_viewer': { permissions: ['core.view_task'] },
    'core.task_user_dispatcher': { permissions: ['core.add_task'] },
  },
  defaultPolicy: {
    statements: [
      allow(['list']),
      allow(['retrieve', 'my_permissions'], 'has_model_or_domain_or_obj_perms:core.view_task'),
      allow(['destroy'], 'has_model_or_domain_or_obj_perms:core.delete_task'),
      allow(['update', 'partial_update'], 'has_model_or_domain_or_obj_perms:core.change_task'),
      // Purge only removes the caller's own finished tasks (or any, for the admin).
      allow(['purge']),
      allow(['list_roles', 'add_role', 'remove_role'], 'has_model_or_domain_or_obj_perms:core.manage_roles_task'),
    ],
    creation_hooks: creatorGets('core.task_owner'),
    queryset_scoping: SCOPED,
  },
};

/** Core's viewsets: tasks, uploads, users and groups, roles, policies, guards, the generic lists. */
export function coreViewsets(): ViewsetAccess[] {
  const guards = GUARD_TYPES.map((g) =>
    g.type === 'rbac'
      ? ownedViewset(`contentguards/core/${g.type}`, g.model, {
          owner: ['download'],
          statements: [
            allow(['download'], `has_model_or_domain_or_obj_perms:${permissionName(g.model, 'download')}`),
            // The content app asks whether the caller may download (the answer is the caller's own).
            allow(['can_download']),
          ],
          roles: { [`${g.model}_downloader`]: { permissions: [permissionName(g.model, 'download')] } },
          creatorRoles: [`${g.model}_owner`, `${g.model}_downloader`],
        })
      : ownedViewset(`contentguards/core/${g.type}`, g.model),
  );
  return [
    task,
    { name: 'task-groups', model: 'core.taskgroup', permissions: modelPermissions('core.taskgroup'), defaultPolicy: { statements: [allow(['list', 'retrieve', 'partial_update'])], queryset_scoping: SCOPED } },
    { name: 'workers', model: 'core.worker', permissions: modelPermissions('core.worker') },
    {
      name: 'task-schedules',
      model: 'core.taskschedule',
      permissions: modelPermissions('core.taskschedule'),
      // The schedules are the system's own: whoever holds the model's view permission sees them.
      defaultPolicy: { statements: [allow(['list', 'retrieve'], 'has_model_or_domain_perms:core.view_taskschedule')] },
    },
    { name: 'status', defaultPolicy: open },
    { name: 'docs', defaultPolicy: open },
    {
      name: 'artifacts',
      model: 'core.artifact',
      permissions: modelPermissions('core.artifact'),
      // Pulp ships create/list/retrieve; destroy (deprecated there, refused unless the policy
      // is overridden) stays allowed here for the admin, as this API has always served it.
      defaultPolicy: { statements: [allow(['create', 'list', 'retrieve', 'destroy'], undefined, 'admin')] },
    },
    ownedViewset('uploads', 'core.upload', {
      statements: [allow(['commit'], 'has_model_or_domain_or_obj_perms:core.change_upload')],
    }),
    { name: 'orphans/cleanup' },
    { name: 'users', model: 'auth.user', permissions: modelPermissions('auth.user') },
    { name: 'users/roles' },
    { name: 'groups/roles' },
    ownedViewset('groups', 'core.group'),
    {
      name: 'groups/users',
      defaultPolicy: {
        statements: [
          allow(['list'], 'has_group_model_or_obj_perms:core.view_group'),
          allow(['create', 'destroy'], 'has_group_model_or_obj_perms:core.change_group'),
        ],
      },
    },
    { name: 'roles', model: 'core.role', permissions: modelPermissions('core.role') },
    { name: 'access_policies', model: 'core.accesspolicy', permissions: modelPermissions('core.accesspolicy') },
    {
      name: 'content',
      model: 'core.content',
      permissions: [...modelPermissions('core.content'), 'core.manage_content_labels'],
      lockedRoles: { 'core.content_labeler': { permissions: ['core.manage_content_labels'] } },
      defaultPolicy: scopedList,
    },
    { name: 'repositories', defaultPolicy: scopedList },
    { name: 'repository_versions', defaultPolicy: scopedList },
    { name: 'remotes', defaultPolicy: scopedList },
    { name: 'publications', defaultPolicy: scopedList },
    { name: 'distributions', defaultPolicy: scopedList },
    { name: 'contentguards', defaultPolicy: scopedList },
    ...guards,
    // API tokens (not Pulp's): a user manages their own (the creator owns each), the admin everyone's.
    {
      name: 'tokens',
      model: 'core.apitoken',
      permissions: modelPermissions('core.apitoken'),
      lockedRoles: { 'core.apitoken_owner': { permissions: ['core.view_apitoken', 'core.delete_apitoken'] } },
      defaultPolicy: {
        statements: [
          allow(['list', 'create']),
          allow(['retrieve'], 'has_model_or_obj_perms:core.view_apitoken'),
          allow(['destroy'], 'has_model_or_obj_perms:core.delete_apitoken'),
        ],
        creation_hooks: creatorGets('core.apitoken_owner'),
        queryset_scoping: SCOPED,
      },
    },
  ];
}
