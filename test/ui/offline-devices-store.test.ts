/** The card page's devices holding offline pay code keys, against a fake transport: listing and revoking a lost phone. */
import type { OfflineDeviceView } from '../../src/contracts/wallet';
import { OfflineKeyService } from '../../src/services/offline-key-service';
import { OfflineDevicesStore } from '../../src/stores/offline-devices-store';
import { settle } from './support/fake-ticker';
import { fakeTransport, type Reply } from './support/fake-transport';

const T0 = 1_800_000_000_000;
const device = (deviceId: string, revoked = false): OfflineDeviceView => ({
  deviceId,
  deviceName: deviceId === 'dev-phone' ? 'iPhone' : 'iPad',
  issuedAt: T0,
  revoked,
});
const ok = (devices: OfflineDeviceView[]): Reply => ({ ok: true, data: { devices } });

function devicesOf(replies: Reply[], thisDevice = 'dev-tablet') {
  const { transport, calls } = fakeTransport(replies);
  const removed: string[] = [];
  const keys = { deviceId: () => thisDevice, remove: async (cardId: string) => void removed.push(cardId) };
  return { store: new OfflineDevicesStore(new OfflineKeyService(transport), keys), calls, removed };
}

test('should list the devices with keys for the card, and revoke a lost phone from this one', async () => {
  const { store, calls, removed } = devicesOf([
    ok([device('dev-phone'), device('dev-tablet')]),
    ok([device('dev-phone', true), device('dev-tablet')]),
  ]);
  await store.load('card-1');
  expect(calls[0]!.data).toEqual({ action: 'offlineDevices', cardId: 'card-1' });
  expect(store.view.data?.map((d) => d.deviceId)).toEqual(['dev-phone', 'dev-tablet']);
  expect(store.thisDevice).toBe('dev-tablet');
  await store.revoke('dev-phone');
  await settle();
  expect(calls[1]!.data).toEqual({ action: 'revokeOfflineDevice', cardId: 'card-1', deviceId: 'dev-phone' });
  expect(store.view.data?.find((d) => d.deviceId === 'dev-phone')?.revoked).toBe(true);
  // Another device's keys: this one keeps its own.
  expect(removed).toEqual([]);
});

test("should forget this device's own key when it is the one revoked, and keep the list when revoking fails", async () => {
  const mine = devicesOf([ok([device('dev-tablet')]), ok([device('dev-tablet', true)])]);
  await mine.store.load('card-1');
  await mine.store.revoke('dev-tablet');
  expect(mine.removed).toEqual(['card-1']);
  const failing = devicesOf([ok([device('dev-phone')]), { ok: false, error: { code: 'INTERNAL', message: '' } }]);
  await failing.store.load('card-1');
  await failing.store.revoke('dev-phone');
  expect(failing.store.action.errorCode).toBe('INTERNAL');
  expect(failing.store.view.data?.[0]?.revoked).toBe(false);
});
