// Small helpers for the dev services that run other programs: their output line by line, a
// short command run to its end, and a long-running child stopped politely, then firmly.
import { spawn } from 'node:child_process';

/** Calls onLine with each non-empty line of a text stream. */
export function eachLine(stream, onLine) {
  stream.setEncoding('utf8');
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
}

/** Runs a short command to its end: its exit code and everything it printed. */
export function run(cmd, args) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const s of [child.stdout, child.stderr]) s.on('data', (c) => (output += c));
    child.once('error', (err) => resolveRun({ code: -1, output: err.message }));
    child.once('close', (code) => resolveRun({ code: code ?? -1, output }));
  });
}

/** A child's exit as a promise, and a stop that escalates to SIGKILL after a grace. */
export function supervise(child, graceMs = 10_000) {
  let exited = false;
  const exit = new Promise((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      resolveExit();
    }),
  );
  child.once('error', () => {});
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => exited || child.kill('SIGKILL'), graceMs);
    await exit;
    clearTimeout(timer);
  };
  return { exit, stop, hasExited: () => exited };
}
