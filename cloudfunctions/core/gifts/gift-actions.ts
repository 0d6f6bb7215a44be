/**
 * The gifts function's actions. A claim token is checked before anything is read; a malformed,
 * forged or unknown token is "not found", the same answer every time.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { GIFT_RULES, hasShareDocs, withShares, type Gift, type GiftShareDoc } from '../../../src/domain/gift';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { THANKS_STICKERS } from '../../../src/domain/thanks';
import { SEAL_RULES, sealRefusal, type SealRules } from '../../../src/domain/sealed-gift';
import { GIFT_LIMITS, type GiftsActions } from '../../../src/contracts/gifts';
import { getDatabase, rows } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import { notify } from '../messages';
import { action, type ActionsFor } from '../router';
import { intSetting } from '../settings';
import { fenSchema, idSchema, personTextSchema, requestIdSchema, z } from '../validate';
import { claimGift } from './claim-gift';
import { claimShare } from './claim-share';
import { hydrated } from './group-shares';
import { giftCode, tokenOfScene } from './gift-codes';
import { GIFT_SCENE } from './scene';
import { cancelGift } from './give-back';
import { giftsLeftToday, sendGift } from './send-gift';
import { giftIdFromToken } from './tokens';
import { myThanks, sendThanks, thanksByGift, toThanksView } from './thanks';
import { profileOf } from '../wallet/profile';
import { chatCardOf, checkChat, updateChatCard } from './chat-card';
import { remindAtOpening } from './openings';
import { toLandingView, toReceivedViews, toSentView } from './views';

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

const text = personTextSchema;

/** The sealed-gift rules with the deployment's setting (GIFT_SEAL_MAX_DAYS). */
function sealRules(): SealRules {
  return { maxDaysAhead: intSetting('GIFT_SEAL_MAX_DAYS', SEAL_RULES.maxDaysAhead, 1, 365) };
}

const token = z.string().min(1).max(GIFT_LIMITS.tokenMax);
const cloudId = z
  .string()
  .min(1)
  .max(GIFT_LIMITS.tokenMax * 4)
  .optional();

function giftIdOf(t: string): string {
  const id = giftIdFromToken(t);
  if (!id) throw new DomainError(ErrorCode.NOT_FOUND, 'gift not found');
  return id;
}

async function giftById(id: string): Promise<Gift> {
  const gift = rows<Gift>(await getDatabase().collection(C.gifts).where({ _id: id }).limit(1).get())[0];
  if (!gift) throw new DomainError(ErrorCode.NOT_FOUND, 'gift not found');
  return gift;
}

export const giftActions = {
  send: action({
    access: 'user',
    input: z
      .object({
        cardId: idSchema(GIFT_LIMITS.idMax),
        mode: z.enum(['single', 'group']),
        amount: fenSchema().optional(),
        shares: z.number().int().min(GIFT_RULES.minShares).max(GIFT_RULES.maxShares).optional(),
        shareMode: z.enum(['equal', 'random']).optional(),
        faceId: idSchema(GIFT_LIMITS.idMax).optional(),
        blessing: text(0, GIFT_LIMITS.blessingMax),
        senderName: text(1, GIFT_LIMITS.nameMax),
        requestId: requestIdSchema(GIFT_LIMITS.requestIdMax),
        opensAt: z.number().int().positive().optional(),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.mode === 'group' && v.shares === undefined)
          ctx.addIssue({ code: 'custom', path: ['shares'], message: 'required for a group gift' });
        if (v.mode === 'single' && (v.shares !== undefined || v.shareMode !== undefined))
          ctx.addIssue({ code: 'custom', path: ['shares'], message: 'only for a group gift' });
      }),
    run: async (input, caller): Promise<Out<'send'>> => {
      const at = now();
      const seal = input.opensAt === undefined ? null : sealRefusal(input.opensAt, at, sealRules());
      if (seal === 'OPENS_IN_PAST') throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'opensAt: must be in the future');
      if (seal === 'OPENS_TOO_LATE')
        throw new DomainError(
          ErrorCode.INVALID_ARGUMENT,
          `opensAt: at most ${sealRules().maxDaysAhead} China days ahead`,
        );
      const { gift, giftsLeftToday: left } = await sendGift(caller.openId, input, at, GIFT_RULES);
      const view = toSentView(await hydrated(gift));
      return { gift: view, token: view.token ?? '', giftsLeftToday: left };
    },
  }),

  cancel: action({
    access: 'user',
    input: z.object({ giftId: z.string().regex(/^[0-9a-f]{24}$/, 'malformed gift id') }).strict(),
    run: async ({ giftId }, caller): Promise<Out<'cancel'>> => {
      const at = now();
      const gift = await hydrated(await cancelGift(caller.openId, giftId, at));
      await updateChatCard(gift);
      return { gift: toSentView(gift) };
    },
  }),

  view: action({
    access: 'public',
    input: z.object({ token, cloudId }).strict(),
    run: async ({ token: t, cloudId: proof }, caller): Promise<Out<'view'>> => {
      const gift = await hydrated(await giftById(giftIdOf(t)));
      await checkChat(gift, caller.openId, proof);
      const claimed = caller.openId !== '' && gift.shares.some((s) => s.claimedBy === caller.openId);
      // The sender's avatar as it is now (a profile changed after sending shows the new one).
      const [thanks, sender] = await Promise.all([
        claimed ? myThanks(gift._id, caller.openId) : undefined,
        profileOf(gift.sender),
      ]);
      const view = toLandingView(gift, caller.openId, now(), thanks ? toThanksView(thanks) : null);
      if (sender) view.senderAvatar = sender.avatar;
      return { gift: view };
    },
  }),

  /** The gift's 小程序码, for its sender to show. */
  wxacode: action({
    access: 'user',
    input: z.object({ giftId: z.string().regex(/^[0-9a-f]{24}$/, 'malformed gift id') }).strict(),
    run: async ({ giftId }, caller): Promise<Out<'wxacode'>> => giftCode(caller.openId, giftId),
  }),

  /** The gift's WeChat share card, made when its sender first shares it from the app. */
  shareCard: action({
    access: 'user',
    input: z.object({ giftId: z.string().regex(/^[0-9a-f]{24}$/, 'malformed gift id') }).strict(),
    run: async ({ giftId }, caller): Promise<Out<'shareCard'>> => chatCardOf(caller.openId, giftId),
  }),

  /** The claim token a scanned 小程序码's scene stands for. */
  resolveScene: action({
    access: 'public',
    input: z.object({ scene: z.string().regex(GIFT_SCENE, 'malformed scene') }).strict(),
    run: async ({ scene }, caller): Promise<Out<'resolveScene'>> => ({
      token: await tokenOfScene(caller, scene, now()),
    }),
  }),

  claim: action({
    access: 'user',
    input: z.object({ token, name: text(1, GIFT_LIMITS.nameMax), cloudId }).strict(),
    run: async ({ token: t, name, cloudId: proof }, caller): Promise<Out<'claim'>> => {
      const at = now();
      const id = giftIdOf(t);
      // A group gift in share documents is claimed share by share; anything else on the gift itself.
      const stored = await giftById(id);
      await checkChat(stored, caller.openId, proof);
      const { gift, cardId, amount } = hasShareDocs(stored)
        ? await claimShare(caller.openId, name, stored, at)
        : await claimGift(caller.openId, name, id, at);
      const card = `${gift.brandName} ${gift.productName}`;
      await notify([
        {
          to: gift.sender,
          kind: 'giftClaimed',
          page: 'pages/gifts/index?tab=sent',
          fields: { card, amount, who: name, at, note: '你送出的礼品卡已被领取' },
        },
        {
          to: caller.openId,
          kind: 'giftReceived',
          page: `pages/card/index?id=${cardId}`,
          fields: { card, amount, who: gift.senderName, at, note: '礼品卡已放入你的卡包' },
        },
      ]);
      // The gift as the claim left it (a share's claim counted from the share documents).
      if (stored.chat) await updateChatCard(await hydrated(gift));
      return { cardId, amount };
    },
  }),

  /** A friend on a sealed card asks to be told at its opening. */
  remind: action({
    access: 'user',
    input: z.object({ token }).strict(),
    run: async ({ token: t }, caller): Promise<Out<'remind'>> => ({
      opensAt: await remindAtOpening(caller.openId, await giftById(giftIdOf(t)), now()),
    }),
  }),

  /** A claimer's one thank-you to the gift's sender. */
  thank: action({
    access: 'user',
    input: z.object({ token, text: text(1, GIFT_LIMITS.blessingMax), sticker: z.enum(THANKS_STICKERS) }).strict(),
    run: async ({ token: t, text: line, sticker }, caller): Promise<Out<'thank'>> => {
      const gift = await hydrated(await giftById(giftIdOf(t)));
      return { thanks: toThanksView(await sendThanks(caller.openId, gift, line, sticker, now())) };
    },
  }),

  sent: action({
    access: 'user',
    input: z.object({}).strict(),
    run: async (_input, caller): Promise<Out<'sent'>> => {
      const at = now();
      const [list, left] = await Promise.all([
        getDatabase()
          .collection(C.gifts)
          .where({ sender: caller.openId })
          .orderBy('createdAt', 'desc')
          .limit(GIFT_LIMITS.listMax)
          .get(),
        giftsLeftToday(caller.openId, at, GIFT_RULES),
      ]);
      // An open group gift's counts come from its shares (one bounded query each, in parallel).
      const stored = rows<Gift>(list);
      const [gifts, thanks] = await Promise.all([
        Promise.all(stored.map(hydrated)),
        thanksByGift(stored.map((g) => g._id)),
      ]);
      return { gifts: gifts.map((g) => toSentView(g, thanks.get(g._id))), giftsLeftToday: left };
    },
  }),

  received: action({
    access: 'user',
    input: z.object({}).strict(),
    run: async (_input, caller): Promise<Out<'received'>> => {
      const db = getDatabase();
      const _ = db.command;
      // The claimer's TRANSFER entries (a single gift's card, or a group share's card, changing
      // hands) and GIFT_IN entries (shares of group gifts made before share documents) name the
      // gifts they claimed. Two queries, so that a sender's own GIFT_IN entries (split-off and share
      // cards, dropped below: the sender never claims) can't crowd the transfers out of the page.
      const page = (type: LedgerEntry['type']) =>
        db
          .collection(C.ledger)
          .where({ owner: caller.openId, type })
          .orderBy('at', 'desc')
          .limit(GIFT_LIMITS.listMax)
          .field({ ref: true })
          .get();
      const entries = (await Promise.all([page('TRANSFER'), page('GIFT_IN')])).flatMap((r) =>
        rows<Pick<LedgerEntry, 'ref'>>(r),
      );
      const ids = [...new Set(entries.map((e) => e.ref).filter((r): r is string => typeof r === 'string'))];
      if (ids.length === 0) return { gifts: [] };
      const gifts = rows<Gift>(
        await db
          .collection(C.gifts)
          .where({ _id: _.in(ids) })
          .limit(Math.min(ids.length, 1000))
          .get(),
      );
      // The caller's shares of group gifts kept in share documents: one query by claimer.
      const groupIds = gifts.filter(hasShareDocs).map((g) => g._id);
      const mine =
        groupIds.length === 0
          ? []
          : rows<GiftShareDoc>(
              await db
                .collection(C.giftShares)
                .where({ claimedBy: caller.openId, giftId: _.in(groupIds) })
                .limit(groupIds.length)
                .get(),
            );
      const views = gifts.flatMap((g) =>
        toReceivedViews(
          hasShareDocs(g)
            ? withShares(
                g,
                mine.filter((s) => s.giftId === g._id),
              )
            : g,
          caller.openId,
        ),
      );
      return { gifts: views.sort((a, b) => b.claimedAt - a.claimedAt) };
    },
  }),
} satisfies ActionsFor<GiftsActions>;
