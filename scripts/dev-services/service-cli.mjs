// The CLI mode the dev services share: announce READY on stdout, then run until told to stop.
// Jest (CommonJS) and other parents spawn the services this way and read the READY line.

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
