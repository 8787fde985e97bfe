import { request as httpRequest } from 'node:http';
import type { Answer } from './openapi';

/** A request exactly as written: its path not normalised, any header, a body on any method. */
export interface RawRequest {
  method: string;
  /** Sent as it is: `..`, `%2F` and the like reach the server unchanged. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Sent with Transfer-Encoding: chunked, without a Content-Length. */
  chunked?: boolean;
}

/** Sends it on a connection of its own; the answer's body is parsed as JSON where it is JSON. */
export function sendRaw(baseUrl: string, req: RawRequest): Promise<Answer> {
  const url = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers: Record<string, string> = { ...req.headers };
  if (body && !req.chunked) headers['content-length'] = String(body.length);
  if (body && req.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) answerHeaders.set(name, String(value));
          }
          resolve({ status: res.statusCode ?? 0, headers: answerHeaders, body: parsed, text });
        });
      },
    );
    // A server refusing a large body may answer and close before reading it all.
    outgoing.on('error', (err) => {
      if (!answered) reject(err);
    });
    outgoing.end(body);
  });
}
