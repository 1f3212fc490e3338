import { createServer } from 'node:net';

/** The port range this benchmark keeps to. */
export const PORT_RANGE = { from: 47100, to: 47199 } as const;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` ports of the range that are free now, lowest first, skipping `taken`. The range lies
 * inside Linux's ephemeral ports, so an outgoing connection can hold any one of them for a
 * while: fixed ports failed now and then, picking free ones just before use does not.
 */
export async function freePorts(count: number, taken: Set<number>): Promise<number[]> {
  const ports: number[] = [];
  for (let port = PORT_RANGE.from; port <= PORT_RANGE.to && ports.length < count; port++) {
    if (taken.has(port) || !(await canListen(port))) continue;
    taken.add(port);
    ports.push(port);
  }
  if (ports.length < count) throw new Error(`fewer than ${count} free ports in ${PORT_RANGE.from}-${PORT_RANGE.to}`);
  return ports;
}
