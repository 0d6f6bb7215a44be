/**
 * A gift's 小程序码: made for its sender (the code opens the claim page with the gift's scene), and
 * the scene read back into the claim token by whoever scanned it. An unknown scene is the same
 * NOT_FOUND every time, and failed look-ups are throttled per caller, like guessed tokens.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { Gift } from '../../../src/domain/gift';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import { keyedHash } from '../secrets';
import { failureGuard, type ThrottleRule } from '../throttle';
import { refuse, transaction } from '../tx';
import { wxacode } from '../wxacode';
import { giftScene } from './scene';
import { giftToken } from './tokens';

export const CLAIM_PAGE = 'pages/claim/index';

/** Unknown scenes a caller may try per window. */
export const SCENE_FAILURES: ThrottleRule = { tries: 10, windowMs: 10 * 60_000 };

export async function giftCode(sender: string, giftId: string): Promise<{ scene: string; image: string }> {
  const db = getDatabase();
  const gift = rows<Gift>(await db.collection(C.gifts).where({ _id: giftId, sender }).limit(1).get())[0];
  if (!gift) throw new DomainError(ErrorCode.NOT_FOUND, 'gift not found');
  const scene = gift.scene ?? giftScene(gift._id);
  // Gifts made before codes existed get their scene now (the same one every time).
  if (!gift.scene) await db.collection(C.gifts).doc(gift._id).update({ data: { scene } });
  return { scene, image: await wxacode(CLAIM_PAGE, scene) };
}

export async function tokenOfScene(caller: CallerContext, scene: string, at: number): Promise<string> {
  const found = rows<Pick<Gift, '_id'>>(
    await getDatabase().collection(C.gifts).where({ scene }).field({ _id: true }).limit(1).get(),
  )[0];
  const who = caller.openId || `ip:${caller.clientIp}`;
  await transaction(async (tx) => {
    const guard = await failureGuard(tx, `scene-${keyedHash('user', who).slice(0, 32)}`, at, SCENE_FAILURES);
    if (!guard.open) return refuse(ErrorCode.RATE_LIMITED, 'too many tries, wait a few minutes');
    if (!found) {
      await guard.fail();
      return refuse(ErrorCode.NOT_FOUND, 'gift not found');
    }
    return true;
  });
  return giftToken(found!._id);
}
