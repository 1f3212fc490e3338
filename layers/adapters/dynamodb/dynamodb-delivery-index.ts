import { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { batchGetAll, batchWriteAll, type Item, queryAll } from './table-requests';
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
const INDEX = 'The delivery index';


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
      for (const found of await batchGetAll(this.dynamo, this.table, keys, INDEX)) {
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
    const items = await queryAll(this.dynamo, this.table, sourcePk(source), { prefix: `e#${dirPath}${SEP}` });
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
    return (await queryAll(this.dynamo, this.table, DIST)).map((it) => decoded<IndexedDistribution>(it)!);
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
      if (pending.length >= BATCH) await batchWriteAll(this.dynamo, this.table, pending.splice(0, BATCH), INDEX);
    }
    for (const [sk, entry] of directories) {
      pending.push({ PutRequest: { Item: item(pk, sk, entry) } });
      if (pending.length >= BATCH) await batchWriteAll(this.dynamo, this.table, pending.splice(0, BATCH), INDEX);
    }
    if (pending.length) await batchWriteAll(this.dynamo, this.table, pending.splice(0), INDEX);
    // Last: readers (and the indexer) trust a source only once it is complete.
    await this.dynamo.send(new PutItemCommand({ TableName: this.table, Item: item(pk, 'complete', { files: count }) }));
    return count;
  }

  async updateFile(source: ServedSource, file: IndexedFile): Promise<void> {
    const pk = sourcePk(source);
    const entries = new Map<string, DirectoryEntry>();
    addEntries(entries, file);
    const own = [...entries].find(([, e]) => !e.isDirectory)!;
    await batchWriteAll(this.dynamo, this.table, [{ PutRequest: { Item: item(pk, `f#${file.relativePath}`, file) } }, { PutRequest: { Item: item(pk, own[0], own[1]) } }], INDEX);
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
    return (await queryAll(this.dynamo, this.table, GUARD)).map((it) => decoded<ContentGuard>(it)!);
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

