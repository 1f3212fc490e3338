// `npm run bench -- fs-durability`: what storing one small file durably costs this machine, apart
// from everything else a sync does. Stores 5,000 files of 4 KiB, ten at a time (a sync's
// download_concurrency), three ways, each three times (interleaved; the median is kept):
// - fs-store: our FsBlobStore as `npm start` uses it (staging file, fsync, link into place,
//   directory fsync);
// - fsync-only: the same files written, fsynced and renamed into place, no directory fsync;
// - no-fsync: written and renamed into place, nothing fsynced (how pulpcore stores files);
// and downloads the same files over HTTP from a server in another process (`download`).
// CPU is this process's, user and system (the thread pool's system calls included).
// Writes bench/results/fs-durability.json.
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../layers/adapters/fs/fs-blob-store';
import { syncFd, withFd, writeAll } from '../layers/adapters/fs/fd-io';
import { artifactKey } from '../layers/core/storage/blob-store';
import { round, writeResult } from './support';

const FILES = 5_000;
const FILE_BYTES = 4096;
const CONCURRENCY = 10;
const ROUNDS = 3;

interface Sample {
  filesPerSecond: number;
  userMsPerFile: number;
  systemMsPerFile: number;
  cpuMsPerFile: number;
}

if (process.argv[2] === 'serve') {
  // The upstream, in its own process so its CPU is not counted.
  const body = randomBytes(FILE_BYTES);
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-length': FILE_BYTES }).end(body));
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
} else {
  await main();
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bench-fs-durability-'));
  const data = Array.from({ length: FILES }, () => randomBytes(FILE_BYTES));
  const digests = data.map((d) => createHash('sha256').update(d).digest('hex'));
  const upstream = fork(new URL(import.meta.url).pathname, ['serve'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => upstream.once('message', (p) => resolve(p as number)));
  const ways: Record<string, (dir: string) => (i: number) => Promise<void>> = {
    'fs-store': (dir) => {
      const store = new FsBlobStore(dir, (key) => key);
      return (i) => store.put(artifactKey(digests[i]!), data[i]!);
    },
    'fsync-only': (dir) => (i) => writeRenamed(dir, digests[i]!, data[i]!, true),
    'no-fsync': (dir) => (i) => writeRenamed(dir, digests[i]!, data[i]!, false),
    download: () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      return (i) => get(agent, port, i);
    },
  };
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const [way, make] of Object.entries(ways)) {
        const dir = path.join(root, `${way}-${r}`);
        samples[way]!.push(await measure(make(dir)));
        console.log(`${way} round ${r + 1}: ${JSON.stringify(samples[way]!.at(-1))}`);
      }
    }
  } finally {
    upstream.kill();
    await rm(root, { recursive: true, force: true });
  }
  const median = (list: Sample[]): Sample => [...list].sort((a, b) => a.cpuMsPerFile - b.cpuMsPerFile)[Math.floor(list.length / 2)]!;
  const results = Object.fromEntries(Object.entries(samples).map(([way, list]) => [way, { median: median(list), rounds: list }]));
  const file = await writeResult('fs-durability', { settings: { files: FILES, fileBytes: FILE_BYTES, concurrency: CONCURRENCY, rounds: ROUNDS }, ...results });
  console.log(`wrote ${file}`);
  for (const [way, { median: m }] of Object.entries(results)) console.log(`${way.padEnd(10)} ${m.cpuMsPerFile} ms CPU per file (user ${m.userMsPerFile}, system ${m.systemMsPerFile}), ${m.filesPerSecond} files/s`);
}

/** Runs `one` for every file, CONCURRENCY at a time, timing CPU and the wall clock. */
async function measure(one: (i: number) => Promise<void>): Promise<Sample> {
  let next = 0;
  const started = Date.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < FILES) await one(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  const seconds = (Date.now() - started) / 1000;
  const perFile = (micros: number) => round(micros / 1000 / FILES, 3);
  return { filesPerSecond: round(FILES / seconds), userMsPerFile: perFile(used.user), systemMsPerFile: perFile(used.system), cpuMsPerFile: perFile(used.user + used.system) };
}

/** Written to a temporary name beside its place and renamed there; fsynced first when asked. */
async function writeRenamed(dir: string, sha256: string, bytes: Buffer, fsync: boolean): Promise<void> {
  const target = path.join(dir, artifactKey(sha256));
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.tmp`;
  if (fsync) {
    await withFd(temporary, 'wx', 0o644, async (fd) => {
      await writeAll(fd, bytes);
      await syncFd(fd);
    });
  } else {
    await writeFile(temporary, bytes);
  }
  await rename(temporary, target);
}

function get(agent: http.Agent, port: number, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/${i}`, agent }, (res) => {
        const hash = createHash('sha256');
        res.on('data', (chunk: Buffer) => hash.update(chunk));
        res.on('end', () => {
          hash.digest();
          resolve();
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
