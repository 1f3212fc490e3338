import type { PluginDefinition } from '../plugin-api';
import { filePlugin } from './file/plugin';
import { pythonPlugin } from './python/plugin';

/** The installed content plugins: adding a type is one folder and one line here. */
export const installedPlugins: readonly PluginDefinition[] = [filePlugin, pythonPlugin];
