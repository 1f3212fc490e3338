// Real Python distributions built in TypeScript from a small spec, so python tests need no
// upstream projects: a pure-Python wheel (dist-info METADATA, WHEEL, RECORD) and an sdist
// (tar.gz with PKG-INFO, pyproject.toml and a stdlib-only in-tree PEP 517 backend, so pip can
// build it offline). The same spec always gives the same bytes.

import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTarGz, buildZip } from './archive-writers';

export interface DistSpec {
  name: string;
  version: string;
  metadataVersion?: '2.1' | '2.4';
  summary?: string;
  /** The long description (the METADATA body); several lines by default. */
  description?: string;
  descriptionContentType?: string;
  requiresDist?: string[];
  requiresPython?: string;
  classifiers?: string[];
  projectUrls?: Record<string, string>;
}

export interface BuiltDist {
  filename: string;
  bytes: Buffer;
}

/** `My.Pkg-x` → `my_pkg_x`: the escaped name in filenames and the import name of the module. */
export const escapedName = (name: string): string => name.replace(/[-_.]+/g, '_').toLowerCase();

const LICENSE = 'MIT License\n\nPermission is hereby granted, free of charge, to any person.\n';

/** The METADATA / PKG-INFO text for a spec. */
export function coreMetadata(spec: DistSpec): string {
  const version = spec.metadataVersion ?? '2.1';
  const lines = [`Metadata-Version: ${version}`, `Name: ${spec.name}`, `Version: ${spec.version}`];
  lines.push(`Summary: ${spec.summary ?? `Test package ${spec.name}`}`);
  for (const [label, url] of Object.entries(spec.projectUrls ?? {})) lines.push(`Project-URL: ${label}, ${url}`);
  if (version === '2.4') lines.push('License-Expression: MIT', 'License-File: LICENSE');
  for (const classifier of spec.classifiers ?? []) lines.push(`Classifier: ${classifier}`);
  if (spec.requiresPython) lines.push(`Requires-Python: ${spec.requiresPython}`);
  for (const requirement of spec.requiresDist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  lines.push(`Description-Content-Type: ${spec.descriptionContentType ?? 'text/markdown'}`);
  const description = spec.description ?? `# ${spec.name}\n\nA package built by the tests.\n\nIt has several lines.\n`;
  return `${lines.join('\n')}\n\n${description}`;
}

const recordHash = (data: Buffer): string => `sha256=${createHash('sha256').update(data).digest('base64url')}`;

function moduleSource(spec: DistSpec): string {
  return `"""${spec.name}: a package built by the tests."""\n__version__ = ${JSON.stringify(spec.version)}\n`;
}

export function wheelFilename(spec: DistSpec): string {
  return `${escapedName(spec.name)}-${spec.version}-py3-none-any.whl`;
}

export function sdistFilename(spec: DistSpec): string {
  return `${escapedName(spec.name)}-${spec.version}.tar.gz`;
}

const WHEEL_FILE = 'Wheel-Version: 1.0\nGenerator: serverless-pulp-tests (1.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n';

/** The wheel's files in archive order, RECORD last (it lists the others' hashes). */
export function wheelFiles(spec: DistSpec): [string, Buffer][] {
  const module = escapedName(spec.name);
  const distInfo = `${module}-${spec.version}.dist-info`;
  const files: [string, Buffer][] = [
    [`${module}/__init__.py`, Buffer.from(moduleSource(spec))],
    [`${distInfo}/METADATA`, Buffer.from(coreMetadata(spec))],
    [`${distInfo}/WHEEL`, Buffer.from(WHEEL_FILE)],
  ];
  if (spec.metadataVersion === '2.4') files.push([`${distInfo}/licenses/LICENSE`, Buffer.from(LICENSE)]);
  const record = `${files.map(([path, data]) => `${path},${recordHash(data)},${data.length}\n`).join('')}${distInfo}/RECORD,,\n`;
  return [...files, [`${distInfo}/RECORD`, Buffer.from(record)]];
}

export function buildWheel(spec: DistSpec): BuiltDist {
  return { filename: wheelFilename(spec), bytes: buildZip(wheelFiles(spec).map(([name, data]) => ({ name, data }))) };
}

// A PEP 517 backend with the stdlib only: the wheel is the module plus PKG-INFO as METADATA.
const BACKEND = `"""In-tree PEP 517 backend of the test sdists: stdlib only, so builds work offline."""
import base64
import hashlib
import os
import re
import zipfile

MODULE = %MODULE%


def _pkg_info():
    with open("PKG-INFO", "rb") as f:
        data = f.read()
    headers = {}
    for line in data.decode("utf-8").splitlines():
        if not line:
            break
        key, _, value = line.partition(":")
        headers.setdefault(key.strip().lower(), value.strip())
    return data, headers["name"], headers["version"]


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    metadata, name, version = _pkg_info()
    dist = re.sub(r"[-_.]+", "_", name).lower() + "-" + version
    files = []
    for root, _, names in os.walk(MODULE):
        for filename in sorted(names):
            path = os.path.join(root, filename)
            with open(path, "rb") as f:
                files.append((path.replace(os.sep, "/"), f.read()))
    files.append((dist + ".dist-info/METADATA", metadata))
    files.append((dist + ".dist-info/WHEEL", ${JSON.stringify(WHEEL_FILE)}.encode()))
    record = ""
    for path, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record += "%s,sha256=%s,%d\\n" % (path, digest, len(data))
    record += dist + ".dist-info/RECORD,,\\n"
    files.append((dist + ".dist-info/RECORD", record.encode()))
    wheel_name = dist + "-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files:
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return wheel_name
`;

const PYPROJECT = `[build-system]
requires = []
build-backend = "tiny_backend"
backend-path = ["."]
`;

export function buildSdist(spec: DistSpec): BuiltDist {
  const module = escapedName(spec.name);
  const root = `${module}-${spec.version}`;
  const entries = [
    { name: `${root}/PKG-INFO`, data: coreMetadata(spec) },
    { name: `${root}/pyproject.toml`, data: PYPROJECT },
    { name: `${root}/tiny_backend.py`, data: BACKEND.replace('%MODULE%', JSON.stringify(module)) },
    { name: `${root}/${module}/__init__.py`, data: moduleSource(spec) },
  ];
  if (spec.metadataVersion === '2.4') entries.push({ name: `${root}/LICENSE`, data: LICENSE });
  return { filename: sdistFilename(spec), bytes: buildTarGz(entries) };
}

/** Writes a wheel and an sdist per spec into `dir`; returns the paths written. */
export async function writeDists(dir: string, specs: readonly DistSpec[], kinds: ('wheel' | 'sdist')[] = ['wheel', 'sdist']): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const spec of specs) {
    const built = [kinds.includes('wheel') ? buildWheel(spec) : null, kinds.includes('sdist') ? buildSdist(spec) : null];
    for (const dist of built) {
      if (!dist) continue;
      const path = join(dir, dist.filename);
      await writeFile(path, dist.bytes);
      paths.push(path);
    }
  }
  return paths;
}
