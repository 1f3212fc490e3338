// JSON text exactly as Python's `json.dumps` writes it with its defaults (", " and ": "
// separators, non-ASCII escaped as \uXXXX): pulp_python stores list and dict metadata fields as
// such strings, and clients compare them literally ('["LICENSE"]', '["a", "b"]').

type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

// JSON.stringify already escapes quotes, backslashes and control characters; Python also
// escapes DEL and everything beyond ASCII, one UTF-16 unit at a time.
const string = (value: string): string =>
  JSON.stringify(value).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function pythonJsonDumps(value: JsonValue): string {
  if (typeof value === 'string') return string(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, JsonValue>);
  return `{${entries.map(([key, item]) => `${string(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}
