import type { App } from '../../app/app';
import { DOCS_INIT_JS, docsPageHtml } from './assets/docs-page';
import { SWAGGER_UI_FILES, swaggerUiAsset } from './assets/swagger-ui-assets';
import { notFound } from '../../http/errors';
import type { ApiRequest, ApiResponse, Route } from '../../http/route';

const DOCS = '/pulp/api/v3/docs/';
const TITLE = 'Pulp 3 API';
// The assets change only with the swagger-ui-dist version, which a deploy replaces.
const ASSET_CACHE = 'public, max-age=86400';

const acceptsGzip = (req: ApiRequest): boolean => /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '');

function assetResponse(req: ApiRequest, name: string): ApiResponse {
  const asset = swaggerUiAsset(name);
  if (!asset) throw notFound();
  const gzip = acceptsGzip(req);
  return {
    status: 200,
    body: gzip ? asset.gzipped : asset.body,
    headers: {
      'Content-Type': asset.contentType,
      'Cache-Control': ASSET_CACHE,
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
  };
}

const page = (path: string, summary: string, handler: Route<App>['handler']): Route<App> => ({
  method: 'GET',
  path,
  operationId: `docs_${path.slice(DOCS.length).replace(/[^a-z0-9]+/gi, '_').replace(/_$/, '') || 'page'}`,
  access: { viewset: 'docs', action: 'retrieve' },
  summary,
  tags: ['Docs'],
  public: true,
  undocumented: true,
  responses: { 200: { description: summary, schema: 'html' } },
  handler,
});

/** The browsable documentation: Swagger UI and its assets, public like api.json. */
export const docsRoutes: Route<App>[] = [
  page(DOCS, 'The browsable API documentation (Swagger UI)', async () => ({
    status: 200,
    body: docsPageHtml(TITLE),
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
  })),
  page(`${DOCS}assets/init.js`, 'Starts Swagger UI on the docs page', async () => ({
    status: 200,
    body: DOCS_INIT_JS,
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' },
  })),
  ...Object.keys(SWAGGER_UI_FILES).map((name) =>
    page(`${DOCS}assets/${name}`, `Swagger UI asset ${name}`, async (req) => assetResponse(req, name)),
  ),
];
