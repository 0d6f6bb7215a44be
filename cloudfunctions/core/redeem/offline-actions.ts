/** The holder's side of offline pay codes, served by the wallet function: keys for this device, and revoking a lost one's. */
import { WALLET_LIMITS, type WalletActions } from '../../../src/contracts/wallet';
import { now } from '../clock';
import { action, type ActionsFor } from '../router';
import { idSchema, textSchema, z } from '../validate';
import { issueOfflineKey, offlineDevices, revokeOfflineDevice } from './offline-keys';
import { offlineRules } from './offline-settings';

type Out<A extends keyof WalletActions> = WalletActions[A]['output'];

const cardId = idSchema(WALLET_LIMITS.idMax);
const deviceId = idSchema(WALLET_LIMITS.deviceIdMax);

export const offlineKeyActions = {
  offlineKey: action({
    access: 'user',
    input: z.object({ cardId, deviceId, deviceName: textSchema(WALLET_LIMITS.deviceNameMax) }).strict(),
    run: async (input, caller): Promise<Out<'offlineKey'>> => ({
      key: await issueOfflineKey(caller.openId, input, now(), offlineRules()),
    }),
  }),

  offlineDevices: action({
    access: 'user',
    input: z.object({ cardId }).strict(),
    run: async (input, caller): Promise<Out<'offlineDevices'>> => ({
      devices: await offlineDevices(caller.openId, input.cardId, now()),
    }),
  }),

  revokeOfflineDevice: action({
    access: 'user',
    input: z.object({ cardId, deviceId }).strict(),
    run: async (input, caller): Promise<Out<'revokeOfflineDevice'>> => {
      const at = now();
      await revokeOfflineDevice(caller.openId, input.cardId, input.deviceId, at);
      return { devices: await offlineDevices(caller.openId, input.cardId, at) };
    },
  }),
} satisfies ActionsFor<Pick<WalletActions, 'offlineKey' | 'offlineDevices' | 'revokeOfflineDevice'>>;
