/**
 * Refusals of the storage's HTTP side, answered as COS answers them (tencentcloud.com/document/api/
 * 436/7730): an XML `<Error>` with Code, Message, Resource, RequestId and TraceId. The SDK's
 * uploadFile reads all four of Code, Message, RequestId and TraceId from it (a missing one throws a
 * TypeError instead of its STORAGE_REQUEST_FAIL), and hands `[Code]: Message` to the function.
 */
import type { ServerResponse } from 'node:http';
import { randomHex } from '../random-hex';

/** A refusal with COS's status and code: 400 InvalidArgument, 400 EntityTooLarge, 403 AccessDenied… */
export class StorageRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const escapeXml = (s: string): string =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

export function sendCosError(res: ServerResponse, refusal: StorageRefusal, resource: string, close = false): void {
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>` +
    `<Code>${refusal.code}</Code><Message>${escapeXml(refusal.message)}</Message>` +
    `<Resource>${escapeXml(resource)}</Resource>` +
    `<RequestId>${randomHex()}</RequestId><TraceId>${randomHex()}</TraceId></Error>`;
  res.writeHead(refusal.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // A refusal before the body was read (its declared length too large): don't wait for the body.
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}
