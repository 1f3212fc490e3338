import { resolveObject } from '../api/access/object-hrefs';
import { parseBasicAuthorization } from '../http/basic-auth';
import { forbidden, notFound, tooManyRequests, unauthorized } from '../http/errors';
import type { RouterOptions } from '../http/router';
import type { App } from './app';

/** How the router authenticates, authorizes and scopes each request, from the app's access services. */
export function accessRouterOptions(): Pick<RouterOptions<App>, 'authenticate' | 'authorize' | 'principalScope'> {
  return {
    async authenticate(authorization, app, client) {
      const outcome = await app.access.authenticator.authenticate(parseBasicAuthorization(authorization), client.sourceIp);
      if (outcome.kind === 'throttled') throw tooManyRequests(outcome.retryAfterSeconds);
      return outcome.kind === 'ok' ? outcome.principal : undefined;
    },
    async authorize(route, req, app) {
      const decision = await app.access.authorizer.decide({
        access: route.access,
        public: Boolean(route.public),
        method: req.method,
        params: req.params,
        body: req.body,
        principal: req.principal,
        resolve: (value) => resolveObject(app, value),
      });
      if (decision.kind === 'not-found') throw notFound();
      if (decision.kind === 'deny') throw req.principal ? forbidden() : unauthorized('missing');
      if (decision.scope) req.scope = decision.scope;
    },
    principalScope: (principal, app) => ({ principal, objectCreated: (prn) => app.access.creationHooks.run(prn, principal) }),
  };
}
