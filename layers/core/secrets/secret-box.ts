/**
 * Encrypts secrets kept at rest (remote passwords, proxy passwords, client keys). Sealed
 * values are self-describing strings (`sealed:<scheme>:...`) naming the key that sealed them,
 * so a rotation can tell which to re-encrypt.
 */
export interface SecretBox {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
  /** Sealed under the current key (false for another key, or for a plaintext value). */
  isCurrent(value: string): boolean;
}

export const SEALED_PREFIX = 'sealed:';

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}
