import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

/** One of the product's processes, which a fault may kill and start again with the same settings. */
export interface AppProcess {
  start(): Promise<void>;
  /** Sends the signal (SIGKILL unless told otherwise) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stopped the ordinary way (SIGTERM), as a deployment stops it. */
  stop(): Promise<void>;
  /** Exits nobody asked for: a process that died of a fault the others survive. */
  readonly unexpectedExits: string[];
}

export interface AppProcessOptions {
  name: string;
  /** The compiled entry point, e.g. dist/apps/worker/src/main.js. */
  main: string;
  env: Record<string, string>;
  logFile: string;
  /** Resolves once the process serves: a line it prints, or a check polled until it passes. */
  ready: { line: RegExp } | { poll: () => Promise<boolean> };
}

/**
 * Runs a compiled app as `npm start` does (`node -r ./scripts/register-paths.cjs dist/…`), its
 * output appended to a log file. Its stdin is a pipe held by this process: through
 * scripts/exit-with-parent.cjs the app stops when Jest does, even when Jest is killed.
 */
export function appProcess(options: AppProcessOptions): AppProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const expected = new Set<ChildProcess>();
  const unexpectedExits: string[] = [];
  const log = (text: string) => appendFileSync(options.logFile, text);

  async function start(): Promise<void> {
    if (child) throw new Error(`${options.name} is already running`);
    log(`--- ${new Date().toISOString()} starting ${options.name}\n`);
    const started = spawn(
      process.execPath,
      ['-r', './scripts/register-paths.cjs', '-r', './scripts/exit-with-parent.cjs', options.main],
      { cwd: ROOT, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    child = started;
    // What it printed until it was ready, for the ready line; then only the log file keeps it.
    let output = '';
    let watching = 'line' in options.ready;
    let exitedEarly = false;
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      log(text);
      if (watching) output += text;
    };
    started.stdout?.on('data', onOutput);
    started.stderr?.on('data', onOutput);
    exited = new Promise((done) =>
      started.once('exit', (code, signal) => {
        exitedEarly = true;
        const how = signal ?? `exit code ${code}`;
        log(`--- ${new Date().toISOString()} ${options.name} exited (${how})\n`);
        if (!expected.has(started)) unexpectedExits.push(`${options.name}: ${how}`);
        if (child === started) child = undefined;
        done();
      }),
    );
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitedEarly) {
        throw new Error(`${options.name} exited before it was ready; see ${options.logFile}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${options.name} not ready within ${READY_TIMEOUT_MS} ms`);
      }
      const ready =
        'line' in options.ready ? options.ready.line.test(output) : await options.ready.poll();
      if (ready) {
        watching = false;
        output = '';
        return;
      }
      await sleep(200);
    }
  }

  async function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = child;
    if (!running) return;
    expected.add(running);
    log(`--- ${new Date().toISOString()} sending ${signal} to ${options.name}\n`);
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
    running.kill(signal);
    await exited;
    clearTimeout(timer);
  }

  return {
    start,
    kill,
    stop: () => kill('SIGTERM'),
    unexpectedExits,
  };
}
