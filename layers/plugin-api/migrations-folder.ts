import { fileURLToPath } from 'node:url';

/**
 * The `migrations/` folder beside a plugin's module: `migrationsFolder(import.meta.url)`.
 * In a bundle the module's URL is the bundle's, so the migrate function looks for a copy
 * under its own `plugins/<name>/migrations/` instead (the build puts it there).
 */
export function migrationsFolder(moduleUrl: string): string {
  return fileURLToPath(new URL('./migrations/', moduleUrl));
}
