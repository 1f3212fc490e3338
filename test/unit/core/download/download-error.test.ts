import { describe, expect, it } from 'vitest';
import { DownloadError, redactUrl } from '../../../../layers/core/download/download-error';

describe('DownloadError', () => {
  it('keeps credentials embedded in the URL out of its message (task errors are shown to users)', () => {
    // Prepare
    const url = 'https://alice:s3cret@example.com/repo/PULP_MANIFEST';

    // Act
    const error = new DownloadError(url, 'HTTP 404 Not Found', false, 404);

    // Assess
    expect(error.message).toBe('Download of https://example.com/repo/PULP_MANIFEST failed: HTTP 404 Not Found');
    expect(error.message).not.toContain('s3cret');
    expect(error.url).toBe(url);
  });

  it.each([
    ['http://u:p@proxy:3128', 'http://proxy:3128/'],
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['not a url', 'not a url'],
  ])('redacts %s as %s', (input, expected) => {
    // Prepare
    const url = input;

    // Act
    const shown = redactUrl(url);

    // Assess
    expect(shown).toBe(expected);
  });
});
