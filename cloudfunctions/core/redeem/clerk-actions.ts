/** The clerk's side of paying in store, served by the merchant function; every action needs a staff role. */
import { MERCHANT_LIMITS, type ClerkActions, type MerchantActions } from '../../../src/contracts/merchant';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { Redemption } from '../../../src/domain/redemption';
import type { Fen } from '../../../src/domain/money';
import { chinaDay, chinaDayStart } from '../../../src/domain/rules';
import { getDatabase, rows } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import { requireStaff, staffStore } from '../merchant/staff';
import { action, type ActionsFor } from '../router';
import { fenSchema, idSchema, requestIdSchema, z } from '../validate';
import { parseOfflineInput } from '../../../src/domain/offline-code';
import { inspectOffline, redeemOffline } from './offline-redeem';
import { offlineRules } from './offline-settings';
import { checkedPayCode, findPayCode, payCodeSchema } from './pay-codes';
import { inspectCode, redeemCode } from './redeem';
import { reverseRedemption } from './reverse';
import { redeemRules } from './settings';
import { isSplit, splitReach } from './split';
import { settleLapsed } from './split-remainder';
import { redemptionTotals, toClerkProfileView, toRedemptionView } from './views';

type Out<A extends keyof MerchantActions> = MerchantActions[A]['output'];

const payCode = z.string().min(1).max(MERCHANT_LIMITS.payInputMax);
const storeId = idSchema(MERCHANT_LIMITS.idMax);
const byId = z.object({ id: payCodeSchema }).strict();

/** The clerk, the store they take the payment at, and the code they scanned or typed. */
async function atTheTill(openId: string, input: { payCode: string; storeId: string }) {
  const { code, typed } = checkedPayCode(input.payCode);
  const staff = await requireStaff(openId);
  return { code, typed, staff, store: staffStore(staff, input.storeId) };
}

/** A clerk's day is bounded in practice; the cloud's largest page holds it. */
const DAY_PAGE = 1000;

export const clerkActions = {
  profile: action({
    access: 'user',
    input: z.object({}).strict(),
    run: async (_input, caller): Promise<Out<'profile'>> => {
      return { profile: toClerkProfileView(await requireStaff(caller.openId)) };
    },
  }),

  inspect: action({
    access: 'user',
    input: z.object({ payCode, storeId }).strict(),
    run: async (input, caller): Promise<Out<'inspect'>> => {
      const offline = parseOfflineInput(input.payCode);
      const at = now();
      let found: Awaited<ReturnType<typeof inspectCode>> & { offlineLeft?: Fen };
      if (offline) {
        const staff = await requireStaff(caller.openId);
        const store = staffStore(staff, input.storeId);
        found = await inspectOffline(staff, store, offline, at, redeemRules(), offlineRules());
      } else {
        const { code, typed, staff, store } = await atTheTill(caller.openId, input);
        found = await inspectCode(staff, store, code, typed, at, redeemRules());
      }
      const { card } = found;
      return {
        card: {
          brandName: card.brandName,
          productName: card.productName,
          face: card.face,
          last4: card.last4,
          balance: card.balance,
          expiresAt: card.expiresAt,
          codeExpiresAt: found.code.expiresAt,
          ...(found.offlineLeft === undefined ? {} : { offlineLeft: found.offlineLeft }),
          now: at,
          ...(isSplit(found.code) && { split: await splitReach(found.code, at) }),
        },
      };
    },
  }),

  redeem: action({
    access: 'user',
    input: z
      .object({
        payCode,
        storeId,
        amount: fenSchema({ max: MERCHANT_LIMITS.amountMax }),
        requestId: requestIdSchema(MERCHANT_LIMITS.requestIdMax),
      })
      .strict(),
    run: async (input, caller): Promise<Out<'redeem'>> => {
      const offline = parseOfflineInput(input.payCode);
      const at = now();
      if (offline) {
        const staff = await requireStaff(caller.openId);
        const store = staffStore(staff, input.storeId);
        const req = { amount: input.amount, requestId: input.requestId };
        const r = await redeemOffline(staff, store, offline, req, at, redeemRules(), offlineRules());
        return { redemption: toRedemptionView(r, at, redeemRules()) };
      }
      const { code, typed, staff, store } = await atTheTill(caller.openId, input);
      const r = await redeemCode(
        staff,
        store,
        { code, typed, amount: input.amount, requestId: input.requestId },
        at,
        redeemRules(),
      );
      return { redemption: toRedemptionView(r, at, redeemRules()) };
    },
  }),

  redemption: action({
    access: 'user',
    input: byId,
    run: async ({ id }, caller): Promise<Out<'redemption'>> => {
      const staff = await requireStaff(caller.openId);
      const r = await findPayCode(id);
      if (!r || r.state === 'issued' || !staff.brandIds.includes(r.brandId)) {
        throw new DomainError(ErrorCode.NOT_FOUND, 'redemption not found');
      }
      const at = now();
      // A split payment past its window is settled by whoever looks first (the poller otherwise).
      return { redemption: toRedemptionView(await settleLapsed(r, at), at, redeemRules()) };
    },
  }),

  reverse: action({
    access: 'user',
    input: byId,
    run: async ({ id }, caller): Promise<Out<'reverse'>> => {
      const staff = await requireStaff(caller.openId);
      const at = now();
      return {
        redemption: toRedemptionView(await reverseRedemption(staff, caller, id, at, redeemRules()), at, redeemRules()),
      };
    },
  }),

  history: action({
    access: 'user',
    input: z
      .object({
        day: z
          .string()
          .regex(/^\d{8}$/, 'malformed day')
          .optional(),
      })
      .strict(),
    run: async (input, caller): Promise<Out<'history'>> => {
      const staff = await requireStaff(caller.openId);
      const at = now();
      const day = input.day ?? chinaDay(at);
      const start = chinaDayStart(day);
      if (start === null) throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'day: not a calendar day');
      const _ = getDatabase().command;
      const list = rows<Redemption>(
        await getDatabase()
          .collection(C.redemptions)
          .where({ clerk: staff._id, usedAt: _.gte(start).and(_.lt(start + 24 * 3_600_000)) })
          .orderBy('usedAt', 'desc')
          .limit(DAY_PAGE)
          .get(),
      );
      return {
        day,
        redemptions: list.slice(0, MERCHANT_LIMITS.listMax).map((r) => toRedemptionView(r, at, redeemRules())),
        totals: redemptionTotals(list),
      };
    },
  }),
} satisfies ActionsFor<Omit<ClerkActions, 'issueBatch'>>;
