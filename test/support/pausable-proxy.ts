import net, { type AddressInfo, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Client bytes held while paused (the frozen server's receive buffer). */
  held: Buffer[];
  /** The client hung up while paused: the server sees the end after what was held. */
  clientEnded: boolean;
}

/**
 * A TCP proxy on loopback that freezes the server behind it the way SIGSTOP would, without
 * touching the shared test server: while paused, what clients send is held (as the stopped
 * server's socket buffer would hold it) and nothing comes back; on resume the server gets
 * everything in order, including the end of connections whose clients gave up meanwhile.
 */
export class PausableProxy {
  private readonly pairs = new Set<Pair>();
  private server: net.Server | undefined;
  private paused = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      const pair: Pair = { client, upstream: net.connect(this.targetPort, this.targetHost), held: [], clientEnded: false };
      this.pairs.add(pair);
      const { upstream } = pair;
      client.on('data', (chunk: Buffer) => (this.paused ? pair.held.push(chunk) : upstream.write(chunk)));
      upstream.on('data', (chunk: Buffer) => {
        if (this.paused) upstream.pause();
        client.write(chunk);
      });
      const clientGone = () => {
        if (this.paused) pair.clientEnded = true;
        else upstream.end();
      };
      client.on('end', clientGone).on('close', clientGone).on('error', clientGone);
      const upstreamGone = () => {
        this.pairs.delete(pair);
        client.destroy();
      };
      upstream.on('close', upstreamGone).on('error', upstreamGone);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  pause(): void {
    this.paused = true;
    for (const { upstream } of this.pairs) upstream.pause();
  }

  resume(): void {
    this.paused = false;
    for (const pair of this.pairs) {
      for (const chunk of pair.held.splice(0)) pair.upstream.write(chunk);
      if (pair.clientEnded) pair.upstream.end();
      pair.upstream.resume();
    }
  }

  async stop(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
