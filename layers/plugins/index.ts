import type { PluginDefinition } from '../plugin-api';
import { filePlugin } from './file/plugin';

/** The installed content plugins: adding a type is one folder and one line here. */
export const installedPlugins: readonly PluginDefinition[] = [filePlugin];
