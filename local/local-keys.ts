import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSigningDocument, type SigningDocument } from '../layers/core/signing/signing-material';

/** The keys `npm start` signs URLs and seals secrets with. */
export interface LocalKeys {
  signing: SigningDocument;
  /** Current first; older ones still open what they sealed. */
  secretKeys: Buffer[];
}

interface KeyFile {
  signing: SigningDocument;
  secretKeys: string[];
}

/** Fresh keys for one process (tests). */
export function freshLocalKeys(): LocalKeys {
  return { signing: generateSigningDocument(), secretKeys: [randomBytes(32)] };
}

/**
 * The keys kept in `<dataDir>/keys.json` (0600), made on first start so restarts keep
 * serving the same signed URLs and opening the same secrets. Without an existing, writable
 * data dir (tests), keys for this process only.
 */
export async function localKeys(dataDir: string, log: (msg: string) => void): Promise<LocalKeys> {
  const file = path.join(dataDir, 'keys.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as KeyFile;
    return { signing: saved.signing, secretKeys: saved.secretKeys.map((k) => Buffer.from(k, 'base64')) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = freshLocalKeys();
  try {
    const saved: KeyFile = { signing: keys.signing, secretKeys: keys.secretKeys.map((k) => k.toString('base64')) };
    await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    log(`made signing and secret keys in ${file}`);
  } catch {
    // No data dir to keep them in: these keys live as long as the process.
  }
  return keys;
}
