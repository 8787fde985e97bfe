import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ChildService {
  /** The words after READY on the service's first line: its URL or address. */
  ready: string[];
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Runs one of scripts/dev-services/*.mjs as a child process (they are ES modules, which Jest's
 * CommonJS runtime cannot load) and waits for its READY line. Closing stdin stops it, so a test
 * run that dies leaves no server behind.
 */
export function startChildService(
  script: string,
  args: string[],
  timeoutMs = 90_000,
): Promise<ChildService> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'scripts/dev-services', script), ...args],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ ready: line.split(' ').slice(1), stop: () => stopChild(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
