/** The holder's side of paying in store, served by the wallet function. */
import { WALLET_LIMITS, type WalletActions } from '../../../src/contracts/wallet';
import { payQrText } from '../../../src/domain/redemption';
import { now } from '../clock';
import { action, type ActionsFor } from '../router';
import { idSchema, z } from '../validate';
import { mintPayCode, myPayCode, payCodeMac, payCodeSchema, sweepUnusedCodes } from './pay-codes';
import { sweepOfflineKeys } from './offline-keys';
import { offlineRules } from './offline-settings';
import { confirmPay, declinePay } from './redeem';
import { redeemRules } from './settings';
import { settleLapsed, startRemainderPayment } from './split-remainder';
import { SPLIT_LIMITS } from '../../../src/contracts/split-pay';
import { toPayStatusView } from './views';

type Out<A extends keyof WalletActions> = WalletActions[A]['output'];

const byCode = z.object({ code: payCodeSchema }).strict();

export const holderPayActions = {
  payCode: action({
    access: 'user',
    input: z
      .object({
        cardId: idSchema(WALLET_LIMITS.idMax),
        payWith: z.array(idSchema(WALLET_LIMITS.idMax)).max(SPLIT_LIMITS.payWithMax).optional(),
      })
      .strict(),
    run: async ({ cardId, payWith }, caller): Promise<Out<'payCode'>> => {
      const at = now();
      const { code: minted, card } = await mintPayCode(caller.openId, cardId, at, redeemRules(), payWith);
      return {
        payCode: {
          code: minted._id,
          qr: payQrText(minted._id, payCodeMac(minted._id)),
          expiresAt: minted.expiresAt,
          refreshAt: at + redeemRules().refreshMs,
          now: at,
          balance: card.balance,
        },
      };
    },
  }),

  payStatus: action({
    access: 'user',
    input: byCode,
    run: async (input, caller): Promise<Out<'payStatus'>> => {
      const at = now();
      // A split payment past its window is settled by whoever looks first (the poller otherwise).
      return { status: toPayStatusView(await settleLapsed(await myPayCode(caller.openId, input.code), at), at) };
    },
  }),

  confirmPay: action({
    access: 'user',
    input: byCode,
    run: async (input, caller): Promise<Out<'confirmPay'>> => {
      const at = now();
      return { status: toPayStatusView(await confirmPay(caller.openId, input.code, at), at) };
    },
  }),

  declinePay: action({
    access: 'user',
    input: byCode,
    run: async (input, caller): Promise<Out<'declinePay'>> => {
      const at = now();
      return { status: toPayStatusView(await declinePay(caller.openId, input.code, at), at) };
    },
  }),

  payRemainder: action({
    access: 'user',
    input: byCode,
    run: async (input, caller): Promise<Out<'payRemainder'>> => {
      const at = now();
      const { redemption, payment } = await startRemainderPayment(caller.openId, input.code, caller.clientIp, at);
      return { status: toPayStatusView(redemption, at), payment };
    },
  }),
} satisfies ActionsFor<Pick<WalletActions, 'payCode' | 'payStatus' | 'confirmPay' | 'declinePay' | 'payRemainder'>>;

/** The wallet function's timer jobs: unused pay codes, then offline keys long expired. */
export const payCodeTimers = {
  payCodeSweeper: async (at: number) => ({
    ...(await sweepUnusedCodes(at, redeemRules())),
    offlineKeys: (await sweepOfflineKeys(at, offlineRules())).removed,
  }),
};
