import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIMEOUT_MS = 60_000;

/** The headless browser installed by .ci/run (`apt-get install chromium`), if any. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * Loads a page in headless Chromium (fresh profile, no network side traffic) and returns the
 * DOM after scripts ran: `--virtual-time-budget` lets the page settle without wall-clock waits.
 */
export async function dumpDom(url: string, chromium: string): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-e2e-'));
  try {
    const { stdout } = await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=10000',
        '--dump-dom',
        url,
      ],
      { timeout: TIMEOUT_MS, maxBuffer: 64 << 20 },
    );
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
