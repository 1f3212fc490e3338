import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on the loopback interface. The port is released before
 * returning, so a caller races other processes for it; good enough for tests and dev servers.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}
