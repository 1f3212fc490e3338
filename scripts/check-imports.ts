import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { LAYER_RULES, type LayerRule } from './import-rules';

/**
 * The import-boundary check CI runs: every import of every .ts file under the checked folders
 * against LAYER_RULES (the most specific rule for a file wins). Prints each violation and exits
 * non-zero if there is one. `npm run check:imports [root]`.
 */

const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** `layers/plugins/*` matches `layers/plugins/file/x.ts` with unit `layers/plugins/file`. */
function matches(rule: LayerRule, file: string): { unit: string } | undefined {
  if (rule.layer.endsWith('/*')) {
    const base = rule.layer.slice(0, -2);
    const rest = file.startsWith(`${base}/`) ? file.slice(base.length + 1) : undefined;
    if (!rest?.includes('/')) return undefined;
    return { unit: `${base}/${rest.split('/')[0]}` };
  }
  return file === rule.layer || file.startsWith(`${rule.layer}/`) ? { unit: rule.layer } : undefined;
}

function ruleFor(file: string): { rule: LayerRule; unit: string } | undefined {
  let best: { rule: LayerRule; unit: string } | undefined;
  for (const rule of LAYER_RULES) {
    const m = matches(rule, file);
    if (m && (!best || m.unit.length > best.unit.length)) best = { rule, unit: m.unit };
  }
  return best;
}

const within = (target: string, folder: string): boolean => target === folder || target.startsWith(`${folder}/`);

export function checkFile(root: string, file: string, source: string): Violation[] {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const found = ruleFor(rel);
  if (!found) return [];
  const { rule, unit } = found;
  const violations: Violation[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const specifier = (m[1] ?? m[2])!;
    if (specifier.startsWith('.')) {
      const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
      const targetFile = target.endsWith('.ts') ? target : `${target}.ts`;
      const ok = within(targetFile, unit) || within(target, unit) || rule.mayImport.some((allowed) => within(targetFile, allowed) || within(target, allowed) || `${target}/index.ts` === allowed);
      if (!ok) violations.push({ file: rel, specifier, reason: `${unit} may import only ${[unit, ...rule.mayImport].join(', ')}` });
      continue;
    }
    if (BUILTINS.has(specifier)) continue;
    const forbidden = rule.forbiddenPackages?.find((p) => specifier === p || specifier.startsWith(p.endsWith('/') ? p : `${p}/`));
    if (forbidden) violations.push({ file: rel, specifier, reason: `${unit} must not import ${forbidden}` });
    else if (rule.onlyPackages && !rule.onlyPackages.some((p) => specifier === p || specifier.startsWith(`${p}/`)))
      violations.push({ file: rel, specifier, reason: `${unit} imports no npm packages` });
  }
  return violations;
}

export function checkTree(root: string, folders: string[]): Violation[] {
  const violations: Violation[] = [];
  for (const folder of folders) {
    const dir = path.join(root, folder);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of walk(dir)) violations.push(...checkFile(root, file, readFileSync(file, 'utf8')));
  }
  return violations;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const root = path.resolve(process.argv[2] ?? '.');
  const violations = checkTree(root, ['layers', 'functions', 'local', 'infra', 'test/plugins']);
  for (const v of violations) console.error(`${v.file}: imports '${v.specifier}': ${v.reason}`);
  console.log(violations.length ? `${violations.length} import boundary violation(s)` : 'import boundaries: ok');
  process.exit(violations.length ? 1 : 0);
}
