/** What the API helpers need from a stack: its URL and admin credentials. */
export interface ApiClient {
  url: string;
  /** `Authorization` header value for the admin user. */
  auth: string;
  /** fetch() against the stack with admin credentials and JSON bodies. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

/** An admin client for a stack at `url`, in-process or a separate `npm start`. */
export function apiClient(url: string, password: string): ApiClient {
  const auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
  return {
    url,
    auth,
    api: (path, init = {}) =>
      fetch(new URL(path, url), {
        method: init.method ?? 'GET',
        headers: {
          authorization: auth,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      }),
  };
}
