// The one error type of the python building blocks: what went wrong, said so a client can act on
// it, and where (a form field or none). The plugin turns it into Pulp's 400 JSON shape.

export type ClientErrorCode =
  | 'invalid-name'
  | 'invalid-version'
  | 'invalid-specifier'
  | 'invalid-marker'
  | 'invalid-requirement'
  | 'invalid-filename'
  | 'invalid-archive'
  | 'archive-limit'
  | 'unsupported-archive'
  | 'invalid-metadata'
  | 'invalid-upload';

export class PythonClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** The request field the message belongs to; none ⇒ DRF's `non_field_errors`. */
    readonly field?: string,
    /** Several fields' errors at once (DRF reports every failing field); overrides the above. */
    readonly fields?: Readonly<Record<string, readonly string[]>>,
  ) {
    super(message);
    this.name = 'PythonClientError';
  }

  /** Pulp's (DRF's) 400 body: `{field: [message]}` or `{non_field_errors: [message]}`. */
  body(): Record<string, string[]> {
    if (this.fields) return Object.fromEntries(Object.entries(this.fields).map(([key, messages]) => [key, [...messages]]));
    return { [this.field ?? 'non_field_errors']: [this.message] };
  }

  /** The same error reported against a given request field. */
  forField(field: string): PythonClientError {
    return new PythonClientError(this.code, this.message, field);
  }
}

export function isPythonClientError(error: unknown): error is PythonClientError {
  return error instanceof PythonClientError;
}
