/**
 * Where a manifest's file lives: the manifest URL's directory plus the relative path, each
 * segment percent-encoded (names may hold spaces, commas, `#`, `?`). The manifest URL's query
 * is kept, as Pulp does, so signed-URL style remotes keep working.
 */
export function fileUrl(manifestUrl: string, relativePath: string): string {
  const url = new URL(manifestUrl);
  const directory = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
  const encoded = relativePath.split('/').map(encodeURIComponent).join('/');
  url.pathname = `${directory}${encoded}`;
  url.hash = '';
  return url.toString();
}
