// Preload for the apps that `npm start` runs: they live in their own process group (so Ctrl-C
// reaches only start.mjs, which stops them in order), so nothing would stop them if start.mjs were
// killed outright. start.mjs holds their stdin open; when it closes, the app stops itself the
// ordinary way, through its SIGTERM handling.
'use strict';
const { isMainThread } = require('node:worker_threads');

// Preloads run in worker threads too (the Temporal worker runs workflows in some), where stdin is
// an empty stream that ends at once: only the main thread listens.
if (isMainThread && !process.stdin.isTTY) {
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
  // Never the reason the app stays alive: it may end on its own, as before.
  process.stdin.unref?.();
}
