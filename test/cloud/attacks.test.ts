/**
 * Attacks through the front door, against every action of every function: junk and oversized
 * payloads, operator objects, timer jobs called by a client, acting on someone else's card, order or
 * gift by its id, guessing card numbers, gift tokens and pay codes, and replaying what may be used
 * once. Each must be refused with its stable code and leave the database as it was.
 */
import { z } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import type { GiftsActions } from '../../src/contracts/gifts';
import { MERCHANT_LIMITS, type MerchantActions } from '../../src/contracts/merchant';
import type { WalletActions } from '../../src/contracts/wallet';
import { AMOUNT_MAX, CARD_CAP } from '../../src/domain/catalog';
import { fen, type Fen } from '../../src/domain/money';
import { luhnDigit } from '../../src/domain/redemption';
import { catalogActions } from '../../cloudfunctions/core/catalog/catalog-actions';
import { giftActions } from '../../cloudfunctions/core/gifts/gift-actions';
import { merchantActions, merchantTimers } from '../../cloudfunctions/core/merchant/merchant-actions';
import { orderActions } from '../../cloudfunctions/core/orders/order-actions';
import type { ActionTable } from '../../cloudfunctions/core/router';
import { FEN_DESCRIPTION } from '../../cloudfunctions/core/validate';
import { walletActions } from '../../cloudfunctions/core/wallet/wallet-actions';
import { loadCollections } from '../../cloudfunctions/local/collections';
import { discoverFunctions } from '../../cloudfunctions/local/runtime/discover';
import { calls, createInput, requestId, sendInput, timerEvent } from './support/calls';
import { startTestCloud, type TestCloud } from './support/local-cloud';
import { allDocs, checkMoneyInvariants } from './support/money-invariants';

jest.setTimeout(300_000);

const DAVE = 'o-demo-dave'; // an operator: role checks can't be what refuses the junk
const CAROL = 'o-demo-carol';
const STORE = 'store-lanshan-coffee-1';

const TABLES: Record<string, ActionTable> = {
  catalog: catalogActions,
  gifts: giftActions,
  merchant: merchantActions,
  orders: orderActions,
  wallet: walletActions,
};

let cloud: TestCloud;
const { as, ok, code, buy } = calls(() => cloud);

type WalletOut<A extends keyof WalletActions> = WalletActions[A]['output'];
type GiftOut<A extends keyof GiftsActions> = GiftsActions[A]['output'];

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud.close();
});

/** How many documents each collection holds: what "nothing written" is checked against. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of loadCollections()) out[c.name] = (await allDocs(cloud, c.name)).length;
  return out;
}

/** The field names an action's schema declares (none for a schema that isn't a plain object). */
function fieldsOf(schema: z.ZodTypeAny): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}

/** Values no field of any action may accept. */
const POISON: [string, unknown][] = [
  ['an operator object', { $gt: '' }],
  ['a negated operator', { $ne: null }],
  ['a 200 kB string', 'x'.repeat(200_000)],
  ['a 5,000-item array', Array.from({ length: 5_000 }, () => 'x')],
];

test('every function in the tree is covered by this file', () => {
  const deployed = discoverFunctions(path.resolve(__dirname, '..', '..', 'cloudfunctions', 'functions'))
    .map((f) => f.name)
    .filter((n) => n !== 'payCallback');
  expect(Object.keys(TABLES).sort()).toEqual(deployed.sort());
  expect(fs.existsSync(path.resolve(__dirname, '..', '..', 'cloudfunctions', 'functions', 'payCallback'))).toBe(true);
});

test('should refuse unknown fields, operator objects and oversized values on every action with INVALID_ARGUMENT, writing nothing', async () => {
  const before = await counts();
  const answers: string[] = [];
  for (const [fn, table] of Object.entries(TABLES)) {
    for (const [name, spec] of Object.entries(table)) {
      const payloads: [string, Record<string, unknown>][] = [
        ['an unknown field', { zzUnknown: 1 }],
        ['a top-level operator', { $where: 'this.balance > 0' }],
      ];
      for (const field of fieldsOf(spec.input))
        for (const [what, value] of POISON) payloads.push([`${field} as ${what}`, { [field]: value }]);
      for (const [what, payload] of payloads) {
        const env = await as(DAVE, fn, { action: name, ...payload });
        answers.push(`${fn}.${name} with ${what}: ${env.ok ? 'accepted' : env.error.code}`);
      }
    }
  }
  expect(answers.filter((a) => !a.endsWith(': INVALID_ARGUMENT'))).toEqual([]);
  expect(answers.length).toBeGreaterThan(100);
  expect(await counts()).toEqual(before);
});

/** The money fields of a schema, as paths ("amount", "denominations.0", "bonus.minAmount"). */
function moneyPaths(schema: z.ZodTypeAny, at: string[] = []): string[] {
  if (schema.description === FEN_DESCRIPTION) return [at.join('.')];
  if (schema instanceof z.ZodObject)
    return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => moneyPaths(v, [...at, k]));
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return moneyPaths(schema.unwrap(), at);
  if (schema instanceof z.ZodEffects) return moneyPaths(schema.innerType(), at);
  if (schema instanceof z.ZodArray) return moneyPaths(schema.element, [...at, '0']);
  return [];
}

/** A copy of `body` with the value at `path` replaced. */
function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
  return copy;
}

/**
 * Every action that takes money: a body valid but for its amounts (the schema is read before any
 * use case, so nothing it names has to exist), and the cap of each amount.
 */
const MONEY_ACTIONS: { fn: string; action: string; body: Record<string, unknown>; caps: Record<string, Fen> }[] = [
  {
    fn: 'orders',
    action: 'create',
    body: createInput(),
    caps: { amount: CARD_CAP },
  },
  {
    fn: 'gifts',
    action: 'send',
    body: sendInput('card-x', { amount: fen(100) }),
    caps: { amount: AMOUNT_MAX },
  },
  {
    fn: 'merchant',
    action: 'redeem',
    body: {
      action: 'redeem',
      payCode: 'GCP1.x.0123456789abcdef',
      storeId: STORE,
      amount: fen(100),
      requestId: requestId(),
    },
    caps: { amount: MERCHANT_LIMITS.amountMax },
  },
  {
    fn: 'merchant',
    action: 'issueBatch',
    body: {
      action: 'issueBatch',
      productId: 'prod-x',
      amount: fen(10_000),
      count: 1,
      requestId: 'batch-0123456789abcdef',
    },
    caps: { amount: CARD_CAP },
  },
  {
    fn: 'merchant',
    action: 'saveProduct',
    body: {
      action: 'saveProduct',
      brandId: 'brand-x',
      name: '卡',
      kind: 'registered',
      denominations: [fen(10_000)],
      customAmount: { min: fen(5_000), max: fen(50_000) },
      faces: [{ name: '面', theme: 'thanks', colors: ['#000000', '#ffffff'], blessing: '好' }],
      validity: { type: 'never' },
      usageRules: [],
      transferLimit: 1,
      refundWindowDays: 7,
      bonus: { minAmount: fen(10_000), amount: fen(1_000) },
      onSale: true,
      featured: false,
    },
    caps: {
      'denominations.0': CARD_CAP,
      'customAmount.min': CARD_CAP,
      'customAmount.max': CARD_CAP,
      'bonus.minAmount': CARD_CAP,
      'bonus.amount': CARD_CAP,
    },
  },
];

test('the money table names every amount of every action', () => {
  const found: string[] = [];
  for (const [fn, table] of Object.entries(TABLES))
    for (const [name, spec] of Object.entries(table))
      for (const p of moneyPaths(spec.input)) found.push(`${fn}.${name}:${p}`);
  const listed = MONEY_ACTIONS.flatMap((a) => Object.keys(a.caps).map((p) => `${a.fn}.${a.action}:${p}`));
  expect(found.sort()).toEqual(listed.sort());
});

test('should refuse every amount that is not an integer number of fen within its cap with INVALID_ARGUMENT, writing nothing', async () => {
  const before = await counts();
  const wrong: string[] = [];
  for (const { fn, action, body, caps } of MONEY_ACTIONS) {
    for (const [path, cap] of Object.entries(caps)) {
      const bad: [string, unknown][] = [
        ['a float', 12.5],
        ['a negative amount', -100],
        ['zero', 0],
        ['one over its cap', cap + 1],
        ['an operator object', { $gt: 0 }],
        ['a string', '100'],
      ];
      for (const [what, value] of bad) {
        const env = await as('x-money', fn, withValue(body, path, value));
        const answer = env.ok ? 'accepted' : `${env.error.code} ${env.error.message}`;
        if (!answer.startsWith(`INVALID_ARGUMENT ${path}:`))
          wrong.push(`${fn}.${action} ${path} as ${what}: ${answer}`);
      }
      // The cap itself passes the schema: whatever refuses it then is not the amount's check.
      const atCap = await as('x-money', fn, withValue(body, path, cap));
      if (!atCap.ok && atCap.error.message.startsWith(`${path}:`))
        wrong.push(`${fn}.${action} ${path} at its cap: ${atCap.error.code} ${atCap.error.message}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(await counts()).toEqual(before);
});

test('should refuse a timer job called by a client or through the gateway, and unknown actions', async () => {
  const jobs: [string, string][] = [
    ['gifts', 'giftReturner'],
    ['orders', 'paymentPoller'],
    ['wallet', 'payCodeSweeper'],
    ...Object.keys(merchantTimers).map((t): [string, string] => ['merchant', t]),
  ];
  for (const [fn, job] of jobs) {
    expect(await code(DAVE, fn, timerEvent(job))).toBe('FORBIDDEN');
    const viaGateway = await cloud.post(fn, timerEvent(job), await cloud.login('dave'));
    expect(viaGateway.body.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Another function calling it, even from a timer's invocation, is a chain, not the trigger.
    const chained = await cloud.runtime.invoke(
      fn,
      timerEvent(job),
      { openId: '', appId: 'wx-test', source: 'wx_trigger,scf' },
      cloud.clock.offsetMs,
    );
    expect(chained).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  for (const fn of Object.keys(TABLES)) {
    expect(await code(DAVE, fn, { action: '__proto__' })).toBe('UNKNOWN_ACTION');
    expect(await code(DAVE, fn, { action: 'constructor' })).toBe('UNKNOWN_ACTION');
  }
});

test('should not let a holder read or act on another holder’s card, order or gift by its id', async () => {
  const paid = await buy('x-alice');
  const cardId = paid.cards[0]!._id;
  const orderId = paid.order._id;
  const before = await counts();
  for (const action of ['detail', 'refund', 'payCode'])
    expect(await code('x-mallory', 'wallet', { action, cardId })).toBe('NOT_FOUND');
  for (const action of ['detail', 'pay', 'cancel', 'sync'])
    expect(await code('x-mallory', 'orders', { action, orderId })).toBe('NOT_FOUND');
  expect(await code('x-mallory', 'gifts', sendInput(cardId))).toBe('NOT_FOUND');
  expect(await counts()).toEqual(before);

  const sent = await ok<GiftOut<'send'>>('x-alice', 'gifts', sendInput(cardId));
  expect(await code('x-mallory', 'gifts', { action: 'cancel', giftId: sent.gift._id })).toBe('NOT_FOUND');
  // Staff actions are for staff only, whatever id they name.
  for (const action of ['profile', 'history', 'redemption', 'reverse'])
    expect(await code('x-mallory', 'merchant', { action, ...(action.startsWith('re') ? { id: 'x' } : {}) })).toMatch(
      /FORBIDDEN|INVALID_ARGUMENT/,
    );
  await ok('x-alice', 'gifts', { action: 'cancel', giftId: sent.gift._id });
  await checkMoneyInvariants(cloud);
});

test('should answer guessed gift tokens with one generic answer, whatever was guessed', async () => {
  const paid = await buy('x-giver');
  const sent = await ok<GiftOut<'send'>>('x-giver', 'gifts', sendInput(paid.cards[0]!._id));
  const [id, mac] = sent.token.split('.') as [string, string];
  const guesses = [
    `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, // the right gift, a forged MAC
    `${'0'.repeat(24)}.${mac}`, // another gift id with this MAC
    'not-a-token',
    `${id}`,
  ];
  const answers = new Set<string>();
  for (const t of guesses) {
    answers.add(await code('x-guesser', 'gifts', { action: 'view', token: t }));
    answers.add(await code('x-guesser', 'gifts', { action: 'claim', token: t, name: '猜' }));
  }
  expect([...answers]).toEqual(['NOT_FOUND']);
  await ok('x-giver', 'gifts', { action: 'cancel', giftId: sent.gift._id });
});

test('should throttle guessing card numbers and PINs with one generic refusal', async () => {
  const answers: string[] = [];
  for (let i = 0; i < 8; i++)
    answers.push(
      await code('x-binder', 'wallet', {
        action: 'bind',
        cardNumber: `${'ABCDEFGH'[i]}${'7'.repeat(15)}`,
        pin: '12345678',
      }),
    );
  expect(new Set(answers.slice(0, 5))).toEqual(new Set(['BIND_FAILED']));
  expect(answers.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
});

test('should throttle a clerk typing made-up pay codes', async () => {
  const answers: string[] = [];
  for (let i = 0; i < 12; i++) {
    const digits = `62${String(1_000_000_000_000 + i * 7919).padStart(13, '0')}`;
    // A made-up code with its check digit right, so only a lookup can tell it is unknown.
    answers.push(
      await code(CAROL, 'merchant', { action: 'inspect', payCode: `${digits}${luhnDigit(digits)}`, storeId: STORE }),
    );
  }
  expect(new Set(answers.slice(0, 10))).toEqual(new Set(['PAY_CODE_INVALID']));
  expect(answers.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
});

test('should give every one-time thing one effect when replayed: pay code, gift claim, refund, request ids', async () => {
  const paid = await buy('x-replay', { amount: fen(20_000) });
  const cardId = paid.cards[0]!._id;
  const { payCode } = await ok<WalletOut<'payCode'>>('x-replay', 'wallet', { action: 'payCode', cardId });
  const redeem = { action: 'redeem', payCode: payCode.qr, storeId: STORE, amount: 1_000, requestId: requestId() };
  const first = await ok<MerchantActions['redeem']['output']>(CAROL, 'merchant', redeem);
  // The same request again answers the same redemption; a new request with the used code is refused.
  expect(await ok<MerchantActions['redeem']['output']>(CAROL, 'merchant', redeem)).toEqual(first);
  expect(await code(CAROL, 'merchant', { ...redeem, requestId: requestId() })).toBe('PAY_CODE_USED');

  const sent = await ok<GiftOut<'send'>>('x-replay', 'gifts', sendInput(cardId, { amount: 5_000 }));
  await ok('x-friend', 'gifts', { action: 'claim', token: sent.token, name: '友' });
  expect(await code('x-friend', 'gifts', { action: 'claim', token: sent.token, name: '友' })).toBe(
    'GIFT_ALREADY_CLAIMED',
  );
  expect(await code('x-other', 'gifts', { action: 'claim', token: sent.token, name: '友' })).toBe('GIFT_CLAIMED');

  const fresh = await buy('x-replay');
  const refundOf = () =>
    ok<WalletOut<'refund'>>('x-replay', 'wallet', { action: 'refund', cardId: fresh.cards[0]!._id });
  const [a, b] = [await refundOf(), await refundOf()];
  expect(b.refund.refundNo).toBe(a.refund.refundNo);
  await checkMoneyInvariants(cloud);
  const refunds = (await allDocs<{ cardId: string }>(cloud, 'refunds')).filter((r) => r.cardId === fresh.cards[0]!._id);
  expect(refunds).toHaveLength(1);
});
