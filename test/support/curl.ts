import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sha256 } from './random-file';

const run = promisify(execFile);

/**
 * Fetches a URL with curl as a user would (`curl -fsSL`: fail on HTTP errors, follow the
 * content app's redirect to storage) and returns the sha256 of the body.
 */
export async function curlSha256(url: string): Promise<string> {
  const { stdout } = await run('curl', ['-fsSL', '--max-time', '60', url], { encoding: 'buffer', maxBuffer: 256 << 20 });
  return sha256(stdout);
}
