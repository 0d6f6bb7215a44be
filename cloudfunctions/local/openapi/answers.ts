/** The shapes an open API answers in: WeChat's JSON (`errcode`, `errmsg`) or a binary body. */
import type { OpenApiAnswer } from './codec';

export function wxJson(body: Record<string, unknown>): OpenApiAnswer {
  return { body: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=utf-8' };
}

/** A WeChat error: the SDK throws it with `errCode` = `errcode`. */
export function wxError(errcode: number, errmsg: string): OpenApiAnswer {
  return wxJson({ errcode, errmsg: `${errmsg} rid: local` });
}

export const wxOk = (extra: Record<string, unknown> = {}): OpenApiAnswer =>
  wxJson({ errcode: 0, errmsg: 'ok', ...extra });
