/**
 * Calling functions of a test cloud the way the mini-program does (the platform supplies the
 * caller's OPENID), plus the purchase path the gift, wallet and order tests all start from, and the
 * gift sent from a card bought that way.
 */
import type { Envelope } from '../../../src/contracts/envelope';
import { GIFTS_FUNCTION, type GiftsActions } from '../../../src/contracts/gifts';
import { ORDERS_FUNCTION, type CreateOrderInput, type OrdersActions } from '../../../src/contracts/orders';
import { functionClient } from '../../../src/services/function-client';
import type { Contract } from '../../../cloudfunctions/core/router';
import type { MerchantJobsReport } from '../../../cloudfunctions/core/jobs/merchant-jobs';
import { MERCHANT_TRIGGER } from '../../../cloudfunctions/core/jobs/merchant-schedule';
import { LOCAL_TEMPLATE_IDS, type MessageKind } from '../../../src/contracts/subscribe-templates';
import type { TestCloud } from './local-cloud';
import { fen } from '../../../src/domain/money';

export const COFFEE = 'prod-lanshan-coffee-card'; // bearer, ¥50–1,000 custom, denominations
export const MARKET = 'prod-huixian-shopping-card'; // registered, ¥50–5,000, bonus ¥100 from ¥1,000
export const CAKE = 'prod-maiduo-cake-card'; // limited stock
export const face = (product: string, theme = 'birthday'): string => `face-${product.slice(5)}-${theme}`;

export const TIMER_INVOKER = { openId: '', appId: 'wx-test', source: 'wx_trigger' };
export const timerEvent = (TriggerName: string, Time = '') => ({ Type: 'Timer', TriggerName, Time, Message: '' });

/**
 * A timer event's Time (ISO 8601 UTC to the second, as SCF sends it) for China wall time `hhmm` on
 * the China day holding `at`: the merchant trigger's tick decides from it which jobs run.
 */
export function chinaTick(at: number, hhmm: string): string {
  const CHINA = 8 * 3_600_000;
  const day = Math.floor((at + CHINA) / 86_400_000) * 86_400_000 - CHINA;
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(day + (h * 60 + m) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

let seq = 0;
export const requestId = (): string => `req-${Date.now().toString(36)}-${++seq}`;

/** A valid order of one ¥100 coffee card, as the app sends it. */
export function orderInput(over: Partial<CreateOrderInput> = {}): CreateOrderInput {
  return {
    productId: COFFEE,
    faceId: face(COFFEE),
    amount: fen(10_000),
    quantity: 1,
    purpose: 'self',
    requestId: requestId(),
    ...over,
  };
}

/** The gifts `send` call's body: a single gift of `cardId`, with any field overridden (bad values included). */
export function sendInput(cardId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action: 'send',
    cardId,
    mode: 'single',
    blessing: '生日快乐',
    senderName: '小满',
    requestId: requestId(),
    ...over,
  };
}

/** The `create` call's body, with any field overridden (bad values included, for refusal tests). */
export function createInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { action: 'create', ...orderInput(), ...over };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, withinMs = 5_000): Promise<T> {
  for (let i = 0; i < withinMs / 25; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function calls(cloud: () => TestCloud) {
  async function as<T>(openId: string, fn: string, body: object): Promise<Envelope<T>> {
    const c = cloud();
    return (await c.runtime.invoke(
      fn,
      body,
      { openId, appId: 'wx-test', source: 'wx_client' },
      c.clock.offsetMs,
    )) as Envelope<T>;
  }

  async function ok<T>(openId: string, fn: string, body: object): Promise<T> {
    const env = await as<T>(openId, fn, body);
    if (!env.ok)
      throw new Error(`${fn}.${String((body as { action?: string }).action)}: ${env.error.code} ${env.error.message}`);
    return env.data;
  }

  async function code(openId: string, fn: string, body: object): Promise<string> {
    const env = await as<unknown>(openId, fn, body);
    if (env.ok) throw new Error(`${fn} unexpectedly succeeded`);
    return env.error.code;
  }

  async function timer<T>(fn: string, trigger: string, time = ''): Promise<T> {
    const c = cloud();
    const event = timerEvent(trigger, time);
    const env = (await c.runtime.invoke(fn, event, TIMER_INVOKER, c.clock.offsetMs)) as Envelope<T>;
    if (!env.ok) throw new Error(`${fn}/${trigger}: ${env.error.code} ${env.error.message}`);
    return env.data;
  }

  async function testApi(path: string, body: object): Promise<Record<string, unknown>> {
    const res = await fetch(`${cloud().url}/api/test/${path}`, { method: 'POST', body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  }

  /**
   * The app's own typed client (src/services/function-client.ts) for function `fn` of contract `M`,
   * calling as `openId`: the input and output types are the contract's, and a refusal throws ApiError.
   */
  function client<M extends Contract<M>>(openId: string, fn: string) {
    return functionClient<M>({ call: (name, data) => as(openId, name, data) }, fn);
  }

  /** Creates an order and pays it on the pay sheet path; resolves once the notification settled it. */
  async function buy(openId: string, over: Partial<CreateOrderInput> = {}): Promise<OrdersActions['detail']['output']> {
    const orders = client<OrdersActions>(openId, ORDERS_FUNCTION);
    const created = await orders('create', orderInput(over));
    if (!created.payment?.package.startsWith('prepay_id=')) throw new Error('expected WeChat Pay parameters');
    await testApi('pay/confirm', { outTradeNo: created.order._id });
    return waitFor('the order to be paid', async () => {
      const d = await orders('detail', { orderId: created.order._id });
      return d.order.status === 'paid' ? d : undefined;
    });
  }

  /**
   * `openId` buys a card of `amount` and sends it (sendInput: a single gift unless `over` says
   * otherwise); the answer carries the card the gift was sent from.
   */
  async function sendGift(
    openId: string,
    over: Record<string, unknown> = {},
    amount = fen(10_000),
  ): Promise<GiftsActions['send']['output'] & { cardId: string }> {
    const { cards } = await buy(openId, { amount });
    const cardId = cards[0]!._id;
    return { cardId, ...(await ok<GiftsActions['send']['output']>(openId, GIFTS_FUNCTION, sendInput(cardId, over))) };
  }

  /** The merchant function's one trigger, ticking at China time `hhmm` of the cloud clock's day. */
  async function merchantJobs(hhmm: string): Promise<MerchantJobsReport> {
    return timer<MerchantJobsReport>('merchant', MERCHANT_TRIGGER, chinaTick(cloud().clock.now(), hhmm));
  }

  /**
   * `openId` accepts the templates of `kinds` in the subscribe dialog, `times` times over: each
   * acceptance lets one such message through (the local cloud answers 43101 otherwise).
   */
  async function subscribe(openId: string, kinds: MessageKind[], times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      const answer = await testApi('subscribe', { openId, accepted: kinds.map((k) => LOCAL_TEMPLATE_IDS[k]) });
      if (Object.keys(answer).length !== kinds.length) throw new Error(`subscribe: ${JSON.stringify(answer)}`);
    }
  }

  return { as, ok, code, client, timer, merchantJobs, testApi, buy, sendGift, subscribe };
}
