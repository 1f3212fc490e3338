import { describe, expect, it } from 'vitest';
import { signedUrlProblem, signUrl } from '../../../../layers/core/signing/cloudfront-url';
import { generateSigningDocument, parseSigningDocument } from '../../../../layers/core/signing/signing-material';

const one = parseSigningDocument(JSON.stringify(generateSigningDocument())).artifacts!;
const two = parseSigningDocument(JSON.stringify(generateSigningDocument())).artifacts!;
const URL_ = 'https://d.example/artifacts/ab/cd/abcd';
const NOW = Date.UTC(2026, 0, 1);
const EXPIRES = NOW / 1000 + 3600;
const query = (url: string) => url.slice(url.indexOf('?') + 1);

describe('CloudFront signed artifact URLs', () => {
  const signed = signUrl(URL_, one.current, EXPIRES);

  it('has CloudFront’s canned-policy query', () => {
    expect(signed).toMatch(/^https:\/\/d\.example\/artifacts\/ab\/cd\/abcd\?Expires=\d+&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=\w+$/);
  });

  it.each([
    { name: 'verifies with its public key', resource: URL_, keys: one.verify, at: NOW, q: query(signed), problem: undefined },
    { name: 'verifies while both keys are trusted (a rotation)', resource: URL_, keys: [...two.verify, ...one.verify], at: NOW, q: query(signed), problem: undefined },
    { name: 'is refused once its key is retired', resource: URL_, keys: two.verify, at: NOW, q: query(signed), problem: 'Unknown Key' },
    { name: 'is refused when expired', resource: URL_, keys: one.verify, at: (EXPIRES + 1) * 1000, q: query(signed), problem: 'Access denied: expired' },
    { name: 'is refused for another artifact', resource: `${URL_}ef`, keys: one.verify, at: NOW, q: query(signed), problem: 'Access denied' },
    { name: 'is refused with a moved expiry', resource: URL_, keys: one.verify, at: NOW, q: query(signed).replace(/Expires=\d+/, `Expires=${EXPIRES + 60}`), problem: 'Access denied' },
    { name: 'is refused unsigned', resource: URL_, keys: one.verify, at: NOW, q: '', problem: 'Missing Key' },
  ])('$name', ({ resource, keys, at, q, problem }) => {
    expect(signedUrlProblem(resource, q, keys, at)).toBe(problem);
  });
});
