// A throwaway PostgreSQL for one test file: a fresh cluster in a temporary directory, from
// scripts/dev-services/postgres.mjs. The child stops on SIGTERM, or when our end of its stdin
// closes, so a crashed test run leaves no server behind.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { Client } from 'pg';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

const SCRIPT = resolve(__dirname, '../../scripts/dev-services/postgres.mjs');

export async function startPostgres(timeoutMs = 60_000): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'banso-pg-'));
  // As root the script runs initdb as a dedicated user, who must be able to enter the directory.
  chmodSync(dir, 0o755);
  const child = spawn(process.execPath, [SCRIPT, '--data-dir', join(dir, 'data')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    const url = await readyUrl(child, timeoutMs);
    return {
      url,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        child.stdin.end();
        cleanUp();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    cleanUp();
    throw error;
  }
}

function readyUrl(
  child: ChildProcessByStdio<Writable, Readable, null>,
  timeoutMs: number,
): Promise<string> {
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`PostgreSQL not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = /^READY (\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`PostgreSQL exited with code ${code} before it was ready`));
    });
  });
}

/** A new, empty database on the same server, for tests that need a clean slate of their own. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
