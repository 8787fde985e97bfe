import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ApiErrorBody, type ApiErrorCode, statusOf } from '../errors/api-error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  431: 'Request Header Fields Too Large',
};

/**
 * What Node's HTTP parser refuses before the application sees a request, answered in the one
 * error shape (Node alone would answer with no body): a request line and headers over Node's
 * limit (16 KB) are a 431 HEADERS_TOO_LARGE, a request that is not HTTP a 400. A request that
 * timed out, or a connection already gone, is closed as Node would.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node does: an answer already under way, or a connection gone, is only closed.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
      ?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || answering) {
      socket.destroy();
      return;
    }
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      return;
    }
    const [code, message]: [ApiErrorCode, string] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            'HEADERS_TOO_LARGE',
            'the request line and headers are larger than the server takes (16 KB): shorten the URL or a header',
          ]
        : ['VALIDATION_FAILED', `the request is not valid HTTP/1.1 (${err.code ?? err.message})`];
    const status = statusOf(code);
    const body: ApiErrorBody = { error: { code, message } };
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });
}
