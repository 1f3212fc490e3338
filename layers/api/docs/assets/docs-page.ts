/** The JavaScript that starts Swagger UI on the docs page, pointed at our OpenAPI document. */
export const DOCS_INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: 'api.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    displayOperationId: true,
    defaultModelsExpandDepth: -1,
    tryItOutEnabled: false
  });
});
`;

/**
 * The browsable API page at /pulp/api/v3/docs/: Swagger UI from the api Lambda's own assets
 * (no CDN), all links relative to the page so it works under any stage or domain.
 */
export function docsPageHtml(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="stylesheet" href="assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="assets/swagger-ui-bundle.js"></script>
  <script src="assets/init.js"></script>
</body>
</html>
`;
}
