/**
 * Where the app records the user's answer to the subscribe-message dialog — the local cloud's
 * `wx.requestSubscribeMessage`, whose result WeChat keeps on its side:
 *   POST /api/dev/subscribe    { accepted: [templateId], rejected: [templateId] } as the session's user
 *   POST /api/test/subscribe   the same for any `openId` (test mode only)
 * Answers like requestSubscribeMessage: `{ [templateId]: 'accept' | 'reject' }`.
 */
import type { ServerResponse } from 'node:http';
import type { Subscriptions } from '../openapi/subscriptions';
import { MAX_TEMPLATES_PER_ANSWER } from '../openapi/subscriptions';
import { sendError, sendJson } from './http-util';

export function recordAnswer(
  subscriptions: Subscriptions,
  knownTemplate: (id: string) => boolean,
  openId: string,
  body: Record<string, unknown>,
  res: ServerResponse,
): void {
  const list = (v: unknown): string[] | undefined =>
    v === undefined
      ? []
      : Array.isArray(v) && v.length <= MAX_TEMPLATES_PER_ANSWER && v.every((id) => typeof id === 'string')
        ? (v as string[])
        : undefined;
  const accepted = list(body.accepted);
  const rejected = list(body.rejected);
  if (!accepted || !rejected || accepted.length + rejected.length === 0)
    return sendError(
      res,
      400,
      'INVALID_ARGUMENT',
      `accepted and rejected: up to ${MAX_TEMPLATES_PER_ANSWER} template ids`,
    );
  // requestSubscribeMessage fails whole on a template id the app does not have.
  const unknown = [...accepted, ...rejected].find((id) => !knownTemplate(id));
  if (unknown !== undefined) return sendError(res, 400, 'UNKNOWN_TEMPLATE', `no template ${unknown}`);
  subscriptions.record(openId, accepted);
  const answer: Record<string, 'accept' | 'reject'> = {};
  for (const id of rejected) answer[id] = 'reject';
  for (const id of accepted) answer[id] = 'accept';
  sendJson(res, 200, answer);
}
