// The CLI mode the dev services share: read the flags, announce READY on stdout, then run until
// told to stop. Jest (CommonJS) and other parents spawn the services this way and read READY.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `--name value` flags: `.text(name)` and `.number(name)`, undefined when absent. */
export function cliFlags(argv = process.argv.slice(2)) {
  const text = (name) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  return { text, number: (name) => (text(name) ? Number(text(name)) : undefined) };
}

/** An error whose message says all a user needs: printed without a stack trace. */
export function userFacing(message) {
  return Object.assign(new Error(message), { userFacing: true });
}

/** Runs `main` when the module is the script node was started with; failures exit 1. */
export function runIfMain(moduleUrl, name, main) {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main().catch((err) => {
    process.stderr.write(`${name}: ${err?.userFacing ? err.message : (err?.stack ?? err)}\n`);
    process.exit(1);
  });
}

/** Prints `READY <words>` and stops the service on SIGTERM, SIGINT, or when stdin closes. */
export function serveUntilStopped(readyWords, stopService) {
  process.stdout.write(`READY ${readyWords.join(' ')}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopService();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Die with the parent: a test run that crashes must not leave a server behind.
  process.stdin.on('end', stop);
  process.stdin.resume();
  return { isStopping: () => stopping };
}
