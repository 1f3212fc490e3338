import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../layers/http/body';
import { HttpError } from '../../../layers/http/errors';

/** Builds a multipart body by hand, the way requests lays it out. */
function multipart(boundary: string, parts: Array<{ headers: string[]; data: Buffer }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`), part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function thrown(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('parseBody', () => {
  it('parses multipart with binary file content and a JSON field', () => {
    // Prepare
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    // The file content contains CRLF and dashes, so only the boundary must end it.
    const data = Buffer.concat([binary, Buffer.from('\r\n--not-the-boundary\r\n'), binary]);
    const boundary = 'b0undary-XYZ';
    const body = multipart(boundary, [
      { headers: ['Content-Disposition: form-data; name="relative_path"'], data: Buffer.from('dir/a b.iso') },
      { headers: ['Content-Disposition: form-data; name="pulp_labels"'], data: Buffer.from('{"k":"v"}') },
      {
        headers: ['Content-Disposition: form-data; name="file"; filename="C:\\\\tmp\\\\a \\"b\\".iso"', 'Content-Type: application/octet-stream'],
        data,
      },
    ]);

    // Act
    const parsed = parseBody({
      body: body.toString('base64'),
      isBase64Encoded: true,
      contentType: `multipart/form-data; boundary="${boundary}"`,
    });

    // Assess
    expect(parsed.mediaType).toBe('multipart/form-data');
    expect(parsed.fields).toEqual({ relative_path: 'dir/a b.iso', pulp_labels: '{"k":"v"}' });
    expect(parsed.files['file']?.filename).toBe('a "b".iso');
    expect(parsed.files['file']?.contentType).toBe('application/octet-stream');
    expect(parsed.files['file']?.data.equals(data)).toBe(true);
  });

  it('collects repeated multipart fields into a list', () => {
    // Prepare
    const body = multipart('x', [
      { headers: ['Content-Disposition: form-data; name="a"'], data: Buffer.from('1') },
      { headers: ['Content-Disposition: form-data; name="a"'], data: Buffer.from('2') },
    ]);

    // Act
    const parsed = parseBody({ body: body.toString('utf8'), contentType: 'multipart/form-data; boundary=x' });

    // Assess
    expect(parsed.fields).toEqual({ a: ['1', '2'] });
  });

  const ok: Array<[string, string | undefined, string, Record<string, unknown>]> = [
    ['JSON', 'application/json', '{"name":"r","n":1}', { name: 'r', n: 1 }],
    ['JSON with charset', 'Application/JSON; charset=utf-8', '{"a":null}', { a: null }],
    ['urlencoded', 'application/x-www-form-urlencoded', 'name=a+b&x=%2F&x=2', { name: 'a b', x: ['/', '2'] }],
    ['an empty body of any type', 'text/plain', '', {}],
    ['an empty body without a type', undefined, '', {}],
  ];
  it.each(ok)('parses %s', (_label, contentType, body, fields) => {
    // Prepare
    const raw = { body, isBase64Encoded: false, contentType };

    // Act
    const parsed = parseBody(raw);

    // Assess
    expect(parsed.fields).toEqual(fields);
  });

  const bad: Array<[string, string | undefined, string, number, (body: Record<string, unknown>) => boolean]> = [
    ['bad JSON', 'application/json', '{"a":', 400, (b) => String(b['detail']).startsWith('JSON parse error - ')],
    ['a JSON list', 'application/json', '[1]', 400, (b) => JSON.stringify(b) === '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}'],
    ['an unsupported type', 'text/plain', 'hi', 415, (b) => b['detail'] === 'Unsupported media type "text/plain" in request.'],
    ['a missing type', undefined, 'hi', 415, (b) => b['detail'] === 'Unsupported media type "" in request.'],
    ['multipart without boundary', 'multipart/form-data', '--x--', 400, (b) => String(b['detail']).startsWith('Multipart form parse error - ')],
    ['truncated multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', 400, (b) => String(b['detail']).startsWith('Multipart form parse error - ')],
  ];
  it.each(bad)('rejects %s', (_label, contentType, body, status, check) => {
    // Prepare
    const raw = { body, contentType };

    // Act
    const error = thrown(() => parseBody(raw));

    // Assess
    expect(error.status).toBe(status);
    expect(check(error.body as Record<string, unknown>)).toBe(true);
  });
});
