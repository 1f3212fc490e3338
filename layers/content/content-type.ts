/** Content types by extension for what the content app serves itself (Python's mimetypes, in short). */
const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  md: 'text/markdown',
  css: 'text/css',
  csv: 'text/csv',
  js: 'text/javascript',
  json: 'application/json',
  xml: 'text/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  bz2: 'application/x-bzip2',
  xz: 'application/x-xz',
  zst: 'application/zstd',
  zip: 'application/zip',
  tar: 'application/x-tar',
  iso: 'application/x-iso9660-image',
  rpm: 'application/x-rpm',
  deb: 'application/vnd.debian.binary-package',
  whl: 'application/zip',
  jar: 'application/java-archive',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  asc: 'text/plain',
  sig: 'application/pgp-signature',
};

const TEXT = /^(text\/|application\/(json|yaml))/;

/** The Content-Type for a file name; unknown or no extension → application/octet-stream. */
export function contentTypeFor(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const type = dot > 0 ? TYPES[base.slice(dot + 1).toLowerCase()] : undefined;
  if (!type) return 'application/octet-stream';
  return TEXT.test(type) ? `${type}; charset=utf-8` : type;
}
