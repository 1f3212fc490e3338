import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MigrationSource } from '../adapters/postgres/migrator';
import type { PluginDefinition } from '../plugin-api/definitions/plugin-definition';

/**
 * Core's schema folder first, then each plugin's migrations folder. In a bundle a plugin's
 * declared folder does not exist; the build copies it to `<schemaDir>/../plugins/<name>/migrations`.
 */
export function migrationSources(schemaDir: string, plugins: readonly PluginDefinition[]): MigrationSource[] {
  const sources: MigrationSource[] = [{ dir: schemaDir }];
  for (const plugin of plugins) {
    if (!plugin.migrations) continue;
    const bundled = path.join(schemaDir, '..', 'plugins', plugin.name, 'migrations');
    const dir = existsSync(plugin.migrations) ? plugin.migrations : bundled;
    if (!existsSync(dir)) throw new Error(`The migrations of plugin ${plugin.name} are in neither ${plugin.migrations} nor ${bundled}`);
    sources.push({ dir, namespace: plugin.name });
  }
  return sources;
}
