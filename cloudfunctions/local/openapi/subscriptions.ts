/**
 * What each user answered to `wx.requestSubscribeMessage`, as WeChat keeps it: every acceptance of
 * a template allows exactly one message with it to that user (a one-time subscription), and sending
 * the message uses it up. A refusal records nothing that could be used (and does not cancel earlier
 * acceptances, as on WeChat). Kept in memory like the outbox: a restart forgets both.
 */

/** Template ids a user may tap at once (WeChat's dialog shows at most 3; kept loose but bounded). */
export const MAX_TEMPLATES_PER_ANSWER = 10;

export class Subscriptions {
  /** openId → templateId → acceptances not used yet. */
  private readonly left = new Map<string, Map<string, number>>();

  /** Records one answer of `openId`: each accepted template allows one more message. */
  record(openId: string, accepted: readonly string[]): void {
    let mine = this.left.get(openId);
    if (!mine) this.left.set(openId, (mine = new Map()));
    for (const id of accepted) mine.set(id, (mine.get(id) ?? 0) + 1);
  }

  /** Uses up one acceptance of `templateId` by `openId`; false when there is none. */
  consume(openId: string, templateId: string): boolean {
    const mine = this.left.get(openId);
    const n = mine?.get(templateId) ?? 0;
    if (!mine || n === 0) return false;
    if (n === 1) mine.delete(templateId);
    else mine.set(templateId, n - 1);
    return true;
  }

  /** Acceptances of `openId` not used yet, by template. */
  remaining(openId: string): Record<string, number> {
    return Object.fromEntries(this.left.get(openId) ?? []);
  }
}
