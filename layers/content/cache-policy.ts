/**
 * Cache-Control by what is answered: metadata and listings change with every publication, so
 * caches must revalidate; a redirect to an artifact may change when a distribution moves to a
 * new publication, so it is cached briefly; the artifact bytes themselves never change.
 */
export const CACHE = {
  metadata: 'no-cache',
  listing: 'no-cache',
  notFound: 'no-cache',
  artifactRedirect: 'public, max-age=60',
  /** Presigned URLs expire; only the viewer may keep them, briefly. */
  presignedRedirect: 'private, max-age=60',
  permanentRedirect: 'public, max-age=300',
  /** Anything a content guard decided: for this requester only, never stored. */
  guarded: 'private, no-store',
} as const;
