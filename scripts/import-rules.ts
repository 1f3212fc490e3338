/**
 * The layering rules, one row per layer: which other project folders its files may import.
 * npm packages are listed per layer where they matter (the domain stays free of pg and AWS).
 * Kept as data so the checker and its test read the same table.
 */
export interface LayerRule {
  /** Files under this folder (relative to the project root, `/`-separated). */
  layer: string;
  /** Project folders the layer may import from (its own folder is always allowed). */
  mayImport: string[];
  /** npm packages the layer must not import (prefixes). */
  forbiddenPackages?: string[];
  /** Only these npm packages (and node builtins) may be imported; undefined: any. */
  onlyPackages?: string[];
  /** Each subfolder is a unit of its own (plugins): files may import only within their subfolder. */
  perSubfolder?: boolean;
}

const AWS_AND_DB = ['pg', '@aws-sdk/', '@aws-lambda-powertools/', '@middy/', 'aws-lambda', 'aws-cdk-lib', 'constructs'];

export const LAYER_RULES: LayerRule[] = [
  // A plugin sees the plugin API and nothing else of the platform.
  { layer: 'layers/plugins/*', mayImport: ['layers/plugin-api/index.ts'], onlyPackages: [], perSubfolder: true },
  { layer: 'test/plugins/*', mayImport: ['layers/plugin-api/index.ts'], onlyPackages: [], perSubfolder: true },
  // The registration list may name the plugins (and the API's types).
  { layer: 'layers/plugins/index.ts', mayImport: ['layers/plugins', 'layers/plugin-api'] },
  // The domain: no database driver, no AWS, no HTTP, no composition.
  { layer: 'layers/core', mayImport: [], forbiddenPackages: AWS_AND_DB, onlyPackages: [] },
  { layer: 'layers/http', mayImport: ['layers/core'], forbiddenPackages: ['pg', '@aws-sdk/', 'aws-cdk-lib'] },
  { layer: 'layers/plugin-api', mayImport: ['layers/core', 'layers/http'], forbiddenPackages: AWS_AND_DB },
  { layer: 'layers/content', mayImport: ['layers/core', 'layers/http'], forbiddenPackages: ['pg', '@aws-sdk/', 'aws-cdk-lib'] },
  // Adapters implement core's ports; the plugin API tells them how content types are stored.
  { layer: 'layers/adapters', mayImport: ['layers/core', 'layers/plugin-api', 'layers/app/config.ts'] },
  // REST views: core, http and the declarations; the App is their context (types only).
  { layer: 'layers/api', mayImport: ['layers/core', 'layers/http', 'layers/plugin-api', 'layers/app/app.ts', 'layers/app/config.ts'], forbiddenPackages: ['pg', '@aws-sdk/'] },
  // Composition: everything under layers/.
  { layer: 'layers/app', mayImport: ['layers'] },
  // Nothing under layers/ knows the Lambda entry points, the local runner or the CDK app.
  { layer: 'layers', mayImport: ['layers'] },
  { layer: 'functions', mayImport: ['layers', 'functions/shared'] },
  { layer: 'local', mayImport: ['layers', 'functions'] },
  // The duration alarm's threshold derives from the worker's safety margin, so the two cannot drift.
  { layer: 'infra', mayImport: ['infra', 'functions/worker/safety-margin.ts'] },
];
