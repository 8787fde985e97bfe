import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../worker/src/workflow-bundle';

/** A process the benchmark started, with the words of its READY line for dev services. */
export interface Child {
  name: string;
  pid: number;
  ready: string[];
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;
/** The compiled apps resolve `@banso/*` through this preload (see scripts/register-paths.cjs). */
const PRELOAD = ['-r', './scripts/register-paths.cjs'];
/** A long-running app also stops when its stdin (held open by the benchmark) closes. */
const WITH_PARENT = ['-r', './scripts/exit-with-parent.cjs'];

/**
 * Runs a node script (a dev service that prints READY, or a compiled app) and waits until it is
 * ready. Its stdin is a pipe held open: if the benchmark dies, the child stops itself.
 */
export function startChild(options: {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /**
   * Ready when it prints `READY …` (dev services), or a line matching `readyLine` (the worker's
   * "worker ready"), or when `ready()` resolves true (the API's health).
   */
  readyLine?: RegExp;
  ready?: () => Promise<boolean>;
  timeoutMs?: number;
  onLog?: (line: string) => void;
}): Promise<Child> {
  const { name, args, env = {}, timeoutMs = 180_000 } = options;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let readyWords: string[] | undefined;
  let sawReadyLine = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (!readyWords && line.startsWith('READY ')) readyWords = line.split(' ').slice(1);
      if (options.readyLine?.test(line)) sawReadyLine = true;
      options.onLog?.(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const handle: Child = {
    name,
    pid: child.pid ?? -1,
    get ready() {
      return readyWords ?? [];
    },
    stop: () => stopChild(child, exited),
  };
  return new Promise((resolveReady, reject) => {
    const deadline = Date.now() + timeoutMs;
    let gone = false;
    void exited.then(() => (gone = true));
    const poll = async () => {
      if (gone) return reject(new Error(`${name} exited before it was ready:\n${output}`));
      if (Date.now() > deadline) {
        await handle.stop();
        return reject(new Error(`${name} not ready within ${timeoutMs / 1000} s:\n${output}`));
      }
      const isReady = options.ready
        ? await options.ready().catch(() => false)
        : options.readyLine
          ? sawReadyLine
          : !!readyWords;
      if (isReady) return resolveReady(handle);
      setTimeout(() => void poll(), 250);
    };
    void poll();
  });
}

/** Runs a node script to its end (the migrations); a non-zero exit is an error with its output. */
export function runToEnd(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** A compiled app of this repository (dist/apps/…/main.js), as `npm start` runs it. */
export function appArgs(entry: string, { oneShot = false } = {}): string[] {
  return [...PRELOAD, ...(oneShot ? [] : WITH_PARENT), join('dist', entry)];
}

function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  child.kill('SIGTERM');
  return exited.then(() => clearTimeout(kill));
}

/** Resident and peak resident memory of a process, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}
