// A free TCP port on 127.0.0.1, for the drivers and web servers the tests start.
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the caller). */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
