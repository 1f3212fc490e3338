import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { Distribution } from '../../core/models/distribution';
import type { ContentGuard } from '../../core/access/content-guard';
import type { Remote } from '../../core/models/remote';
import type { PulledFile } from '../../core/ports/pulled-file';
import type { DeliveryIndex, FetchedArtifact, IndexedFile } from '../../core/ports/delivery-index';
import { sourceKey, type DeliveryReader, type DirectoryEntry, type PublishedFile, type Resolved, type ServedSource } from '../../core/ports/delivery-reader';

/**
 * The delivery index in one DynamoDB table (`pk`, `sk`, and a JSON value `v`):
 * - `dist` / `<base_path>`: a distribution and what it serves now (mutable, read consistently);
 * - `src#<p:id|v:id>` / `f#<path>`: a file of a served source; `e#<dir>\x1f<name>`: an entry of
 *   a directory listing; `complete`: written last, once every file is;
 * - `remote` / `<id>`: a remote on-demand files are fetched from (its secrets sealed);
 * - `guard` / `<id>`: a content guard a distribution names;
 * - `attach` / `<content artifact id>`: a file fetched on demand, not yet recorded in Postgres;
 * - `pulled` / `<plugin>\x1f<distribution id>\x1f<sha256>`: a file a plugin's hook kept, not yet recorded.
 * Sources are immutable, so their items are written once. Relative paths never hold control
 * characters (the path rules refuse them), so `\x1f` cannot occur in a directory name.
 */
const DIST = 'dist';
const REMOTE = 'remote';
const GUARD = 'guard';
const ATTACH = 'attach';
const PULLED = 'pulled';
const pulledKey = (file: PulledFile) => [file.plugin, file.distributionId, file.sha256].join(SEP);
const SEP = '\u001f';
const BATCH = 25;

type Item = Record<string, AttributeValue>;

const key = (pk: string, sk: string): Item => ({ pk: { S: pk }, sk: { S: sk } });
const item = (pk: string, sk: string, value: unknown): Item => ({ ...key(pk, sk), v: { S: JSON.stringify(value) } });
const decoded = <T>(it: Item | undefined): T | undefined => (it?.v?.S === undefined ? undefined : (JSON.parse(it.v.S) as T));
const sourcePk = (source: ServedSource) => `src#${sourceKey(source)}`;

interface IndexedDistribution {
  distribution: Distribution;
  source: ServedSource | null;
}

export class DynamoDeliveryIndex implements DeliveryIndex, DeliveryReader {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private get table(): string {
    if (!this.tableName) throw new Error('DELIVERY_TABLE is not set: this function has no delivery index');
    return this.tableName;
  }

  // The read side (the content function).

  async listBasePaths(): Promise<Array<{ basePath: string; name: string }>> {
    return (await this.distributions()).filter((d) => !d.distribution.hidden).map((d) => ({ basePath: d.distribution.basePath, name: d.distribution.name }));
  }

  async resolve(path: string): Promise<Resolved | undefined> {
    const segments = path.split('/').filter((s) => s !== '');
    const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    let best: IndexedDistribution | undefined;
    for (let i = 0; i < candidates.length; i += 100) {
      const keys = candidates.slice(i, i + 100).map((c) => key(DIST, c));
      for (const found of await this.batchGet(keys)) {
        const d = decoded<IndexedDistribution>(found);
        if (d && (!best || d.distribution.basePath.length > best.distribution.basePath.length)) best = d;
      }
    }
    if (!best) return undefined;
    const relativePath = path.replace(/^\/+/, '').slice(best.distribution.basePath.length).replace(/^\//, '');
    return { distribution: best.distribution, source: best.source, relativePath };
  }

  async findFile(source: ServedSource, relativePath: string): Promise<PublishedFile | undefined> {
    const out = await this.dynamo.send(new GetItemCommand({ TableName: this.table, Key: key(sourcePk(source), `f#${relativePath}`), ConsistentRead: true }));
    const file = decoded<IndexedFile>(out.Item);
    if (!file) return undefined;
    const { modified: _modified, ...published } = file;
    return published;
  }

  async listDirectory(source: ServedSource, dirPath: string): Promise<DirectoryEntry[]> {
    const items = await this.query(sourcePk(source), `e#${dirPath}${SEP}`);
    const entries = items.map((it) => decoded<DirectoryEntry>(it)!);
    return entries.sort((a, b) => (a.isDirectory !== b.isDirectory ? (a.isDirectory ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  // The write side (the workers, the reconciler).

  async putDistribution(distribution: Distribution, source: ServedSource | null): Promise<void> {
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(DIST, distribution.basePath, { distribution, source } satisfies IndexedDistribution) }));
  }

  async deleteDistribution(basePath: string): Promise<void> {
    await this.dynamo.send(new DeleteItemCommand({ TableName: this.table, Key: key(DIST, basePath) }));
  }

  async distributions(): Promise<IndexedDistribution[]> {
    return (await this.query(DIST)).map((it) => decoded<IndexedDistribution>(it)!);
  }

  async hasSource(source: ServedSource): Promise<boolean> {
    const out = await this.dynamo.send(new GetItemCommand({ TableName: this.table, Key: key(sourcePk(source), 'complete'), ConsistentRead: true }));
    return out.Item !== undefined;
  }

  async writeSource(source: ServedSource, files: AsyncIterable<IndexedFile>): Promise<number> {
    const pk = sourcePk(source);
    const directories = new Map<string, DirectoryEntry>();
    const pending: WriteRequest[] = [];
    let count = 0;
    for await (const file of files) {
      pending.push({ PutRequest: { Item: item(pk, `f#${file.relativePath}`, file) } });
      count++;
      addEntries(directories, file);
      if (pending.length >= BATCH) await this.batchWrite(pending.splice(0, BATCH));
    }
    for (const [sk, entry] of directories) {
      pending.push({ PutRequest: { Item: item(pk, sk, entry) } });
      if (pending.length >= BATCH) await this.batchWrite(pending.splice(0, BATCH));
    }
    if (pending.length) await this.batchWrite(pending.splice(0));
    // Last: readers (and the indexer) trust a source only once it is complete.
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(pk, 'complete', { files: count }) }));
    return count;
  }

  async updateFile(source: ServedSource, file: IndexedFile): Promise<void> {
    const pk = sourcePk(source);
    const entries = new Map<string, DirectoryEntry>();
    addEntries(entries, file);
    const own = [...entries].find(([, e]) => !e.isDirectory)!;
    await this.batchWrite([{ PutRequest: { Item: item(pk, `f#${file.relativePath}`, file) } }, { PutRequest: { Item: item(pk, own[0], own[1]) } }]);
  }

  async putRemote(remote: Remote): Promise<void> {
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(REMOTE, remote.id, remote) }));
  }

  async getRemote(id: string): Promise<Remote | undefined> {
    const out = await this.dynamo.send(new GetItemCommand({ TableName: this.table, Key: key(REMOTE, id), ConsistentRead: true }));
    return decoded<Remote>(out.Item);
  }

  async putGuard(guard: ContentGuard): Promise<void> {
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(GUARD, guard.id, guard) }));
  }

  async getGuard(id: string): Promise<ContentGuard | undefined> {
    const out = await this.dynamo.send(new GetItemCommand({ TableName: this.table, Key: key(GUARD, id), ConsistentRead: true }));
    return decoded<ContentGuard>(out.Item);
  }

  async deleteGuard(id: string): Promise<void> {
    await this.dynamo.send(new DeleteItemCommand({ TableName: this.table, Key: key(GUARD, id) }));
  }

  async guards(): Promise<ContentGuard[]> {
    return (await this.query(GUARD)).map((it) => decoded<ContentGuard>(it)!);
  }

  async queuePulled(file: PulledFile): Promise<void> {
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(PULLED, pulledKey(file), file) }));
  }

  async pendingPulled(limit: number): Promise<PulledFile[]> {
    const page = await this.dynamo.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: PULLED } }, Limit: limit, ConsistentRead: true }),
    );
    return (page.Items ?? []).map((it) => decoded<PulledFile>(it)!);
  }

  async clearPulled(file: PulledFile): Promise<void> {
    await this.dynamo.send(new DeleteItemCommand({ TableName: this.table, Key: key(PULLED, pulledKey(file)) }));
  }

  async queueAttachment(attachment: FetchedArtifact): Promise<void> {
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(ATTACH, attachment.contentArtifactId, attachment) }));
  }

  async pendingAttachments(limit: number): Promise<FetchedArtifact[]> {
    const page = await this.dynamo.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: ATTACH } }, Limit: limit, ConsistentRead: true }),
    );
    return (page.Items ?? []).map((it) => decoded<FetchedArtifact>(it)!);
  }

  async clearAttachment(contentArtifactId: string): Promise<void> {
    await this.dynamo.send(new DeleteItemCommand({ TableName: this.table, Key: key(ATTACH, contentArtifactId) }));
  }

  private async query(pk: string, prefix?: string): Promise<Item[]> {
    const out: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: pk }, ...(prefix === undefined ? {} : { ':prefix': { S: prefix } }) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  private async batchGet(keys: Item[]): Promise<Item[]> {
    const out: Item[] = [];
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = { [this.table]: { Keys: keys, ConsistentRead: true } };
    for (let attempt = 0; request && attempt < 8; attempt++) {
      const page: BatchGetItemCommandOutput = await this.dynamo.send(new BatchGetItemCommand({ RequestItems: request }));
      out.push(...(page.Responses?.[this.table] ?? []));
      const rest: Item[] | undefined = page.UnprocessedKeys?.[this.table]?.Keys;
      request = rest?.length ? { [this.table]: { Keys: rest, ConsistentRead: true } } : undefined;
      if (request) await backoff(attempt);
    }
    if (request) throw new Error('The delivery index did not answer every key (throttled)');
    return out;
  }

  private async batchWrite(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let attempt = 0; pending.length && attempt < 10; attempt++) {
      const out = await this.dynamo.send(new BatchWriteItemCommand({ RequestItems: { [this.table]: pending } }));
      pending = out.UnprocessedItems?.[this.table] ?? [];
      if (pending.length) await backoff(attempt);
    }
    if (pending.length) throw new Error('The delivery index did not take every write (throttled)');
  }
}

/** The listing entries a file adds: itself in its directory, and each ancestor directory in its parent. */
function addEntries(entries: Map<string, DirectoryEntry>, file: IndexedFile): void {
  const parts = file.relativePath.split('/');
  let dir = '';
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    const last = i === parts.length - 1;
    const sk = `e#${dir}${SEP}${name}${last ? '' : '/'}`;
    const seen = entries.get(sk);
    if (last) entries.set(sk, { name, isDirectory: false, size: file.size, modified: file.modified });
    else if (!seen || seen.modified < file.modified) entries.set(sk, { name, isDirectory: true, size: null, modified: file.modified });
    dir = `${dir}${name}/`;
  }
}

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
