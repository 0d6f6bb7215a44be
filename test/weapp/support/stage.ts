/**
 * What every weapp journey stands on: the local cloud in test mode with the seed catalog, and the
 * mini-program build made with a cloud env (dist/weapp-cloud, `npm run build:weapp-cloud`), run by
 * the headless simulator (tools/weapp-sim): each person a phone of their own, calling functions
 * through wx.cloud.callFunction as their demo user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../../cloud/support/local-cloud';
import { WeappSim, type SentCard } from '../../../tools/weapp-sim/src/sim';
import type { SimAnswers } from '../../../tools/weapp-sim/src/wx-api';

export const WEAPP_CLOUD_DIR = path.resolve(__dirname, '..', '..', '..', 'dist', 'weapp-cloud');

export interface WeappStage {
  readonly cloud: TestCloud;
  /** A demo user's phone with the mini-program open on `route`. */
  phone(user: string, route?: string, query?: Record<string, string>, answers?: SimAnswers): Promise<WeappSim>;
  /** Carol, clerk of 蓝山咖啡, at her till having scanned `payload` (wx.scanCode answers with it). */
  tillScanning(payload: string): Promise<WeappSim>;
  /**
   * A demo user's phone opening a share card from a chat: the one it was sent into unless `from`
   * names another (a forwarded card).
   */
  openCard(
    user: string,
    card: SentCard,
    from?: { chat: string; group: boolean },
    answers?: SimAnswers,
  ): Promise<WeappSim>;
}

export function weappStage(): WeappStage {
  let cloud: TestCloud | undefined;
  const phones: WeappSim[] = [];
  const kept = (phone: WeappSim): WeappSim => {
    phones.push(phone);
    return phone;
  };
  const options = (user: string, answers?: SimAnswers) => ({
    distDir: WEAPP_CLOUD_DIR,
    cloudUrl: stage.cloud.url,
    user,
    answers,
  });
  const stage: WeappStage = {
    get cloud() {
      if (!cloud) throw new Error('the stage is not up yet');
      return cloud;
    },
    async phone(user, route, query, answers) {
      return kept(await WeappSim.launch(options(user, answers), route, query));
    },
    async tillScanning(payload) {
      const carol = await stage.phone(
        'carol',
        'merchant/pages/scan/index',
        {},
        { scanCode: () => ({ result: payload }) },
      );
      await carol.tap('扫码收款');
      return carol;
    },
    async openCard(user, card, from, answers) {
      return kept(await WeappSim.openCard(options(user, answers), card, from));
    },
  };
  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEAPP_CLOUD_DIR, 'app.js'))) {
      throw new Error('no weapp cloud build: run npm run build:weapp-cloud first');
    }
    cloud = await startTestCloud({});
  }, 60_000);
  afterAll(async () => {
    for (const phone of phones) phone.close();
    await cloud?.close();
  });
  return stage;
}
