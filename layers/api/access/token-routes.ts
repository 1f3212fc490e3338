import type { App } from '../../app/app';
import type { ApiToken } from '../../core/access/token-store';
import { newToken } from '../../core/auth/api-token';
import { notFound, validationError } from '../../http/errors';
import { listQueryParams } from '../../http/pagination';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { detailParams } from '../common/filters';
import { idsIn } from '../common/references';
import { badRequestResponse, FORMS, listResponse, notFoundResponse, select } from '../common/responses';
import { coreAccess } from './route-access';
import { userHref } from './user-schema';

export const TOKENS = '/pulp/api/v3/tokens/';
const DETAIL = `${TOKENS}{id}/`;
const HREF = { name: 'api_token_href', prefix: DETAIL };
const TAGS = ['Tokens'];
const access = coreAccess('tokens', 'core.apitoken');

const TokenSchema = schema('ApiToken', {
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true }),
  pulp_created: f.dateTime({ readOnly: true }),
  name: f.string({ required: true, maxLength: 255, description: 'What the token is for.' }),
  expires_at: f.dateTime({ nullable: true, description: 'When the token stops working; never when null.' }),
  user: f.href({ readOnly: true }),
  username: f.string({ readOnly: true }),
  last_used_at: f.dateTime({ readOnly: true, nullable: true }),
  token: f.string({
    readOnly: true,
    description: 'The token, shown once, in the create response only. Use it as the password (with your username, or __token__).',
  }),
});

async function show(app: App, t: ApiToken): Promise<Record<string, unknown>> {
  const user = await app.access.identities.userById(t.userId);
  return {
    pulp_href: `${TOKENS}${t.id}/`,
    prn: `prn:core.apitoken:${t.id}`,
    pulp_created: t.pulpCreated,
    name: t.name,
    expires_at: t.expiresAt,
    user: user ? userHref(user.pk) : null,
    username: t.username,
    last_used_at: t.lastUsedAt,
  };
}

async function tokenOr404(app: App, id: string): Promise<ApiToken> {
  const token = await app.access.tokens.get(id);
  if (!token) throw notFound();
  return token;
}

/** Personal API tokens: usable as the Basic password, listed, revoked at once, shown only when made. */
export const tokenRoutes: Route<App>[] = [
  {
    method: 'GET',
    path: TOKENS,
    operationId: 'tokens_list',
    summary: 'List API tokens',
    tags: TAGS,
    query: listQueryParams(),
    access: access.list,
    responses: { 200: { description: 'A page of tokens (never their secrets).', schema: { paginated: TokenSchema } } },
    handler: (req, app) => listResponse(req, (w) => app.access.tokens.list({ ids: idsIn(app, req.query, [TOKENS]), scope: req.scope }, w), (t) => show(app, t)),
  },
  {
    method: 'POST',
    path: TOKENS,
    operationId: 'tokens_create',
    summary: 'Create an API token for yourself',
    tags: TAGS,
    body: { schema: TokenSchema, contentTypes: [...FORMS] },
    access: access.create,
    responses: { 201: { description: 'The token, with its secret this once.', schema: TokenSchema }, ...badRequestResponse },
    handler: async (req, app) => {
      const expires = (req.body.expires_at as Date | null | undefined) ?? null;
      if (expires && expires.getTime() <= Date.now()) throw validationError({ expires_at: ['The expiry must be in the future.'] });
      const made = newToken();
      const token = await app.access.tokens.create({ id: made.id, userId: req.principal!.userId, name: String(req.body.name), secretHash: made.secretHash, expiresAt: expires });
      return { status: 201, body: { ...(await show(app, token)), token: made.token } };
    },
  },
  {
    method: 'GET',
    path: DETAIL,
    operationId: 'tokens_read',
    summary: 'Inspect an API token',
    tags: TAGS,
    hrefParameter: HREF,
    query: detailParams,
    access: access.on('retrieve'),
    responses: { 200: { description: 'The token (never its secret).', schema: TokenSchema }, ...notFoundResponse },
    handler: async (req, app) => ({ status: 200, body: select(req, await show(app, await tokenOr404(app, req.params.id!))) }),
  },
  {
    method: 'DELETE',
    path: DETAIL,
    operationId: 'tokens_delete',
    summary: 'Revoke an API token',
    tags: TAGS,
    hrefParameter: HREF,
    access: access.on('destroy'),
    responses: { 204: { description: 'Revoked: refused from now on.' }, ...notFoundResponse },
    handler: async (req, app) => {
      await app.access.tokens.delete((await tokenOr404(app, req.params.id!)).id);
      return { status: 204 };
    },
  },
];
