import { createServer } from 'node:net';

/**
 * A TCP port that was free on `host` a moment ago: the OS picks it (listen on port 0), then the
 * probe closes. Another process may take it before the caller binds, so prefer listening on
 * port 0 directly when the code under test allows it.
 */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error(`getFreePort: no TCP address on ${host}`));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}
