/** Small helpers for the gateway's JSON over HTTP. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a body of at most `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Keep reading (and dropping) the rest so the client gets the 413 answer, not a reset.
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (tooLarge) reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `request body over ${limit} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    // A request cut off before its end (the client went away, or was too slow and the server closed
    // it) must still settle, so whatever the caller holds meanwhile (a call slot) is given back.
    req.on('close', () => {
      if (!ended) reject(new HttpError(400, 'REQUEST_ABORTED', 'the request ended before its body'));
    });
  });
}

/** Reads a JSON body of at most `limit` bytes (an empty body is `{}`). */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBody(req, limit)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'request body is not JSON');
  }
}

/** Reads a JSON object body (`null`, arrays and numbers are refused with 400, like bad JSON). */
export async function readObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const body = await readJson(req, limit);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'INVALID_JSON', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** Sends `text`, already JSON. */
export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // Answers are about one signed-in person (cards, codes, sessions): no cache may keep them.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
