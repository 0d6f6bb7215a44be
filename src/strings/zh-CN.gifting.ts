/**
 * The strings of gifting the WeChat way — the buy-to-send plan, the envelope, sealed gifts, the chat
 * card, the thank-you and the profile (avatar and nickname) — kept apart from zh-CN.ts so the first page's JavaScript doesn't carry them
 * (the H5 first-load budget, test/e2e/support/first-load.ts). Same rules as zh-CN.ts.
 */
import { GIFT_RULES } from '../domain/gift';
import type { ThanksSticker } from '../domain/thanks';
import { ruleSpan } from './zh-CN';

export const giftingStrings = {
  gifting: {
    planMode: '赠送方式',
    planHint: '付款后直接进入赠送，卡面和祝福语已按这里选好',
    sendStepTitle: '支付成功，送出这份礼品',
    sendStepHint: '卡面和祝福语已选好，确认后生成礼品',
    sendCard: '送出',
    thanksTitle: '给 TA 回个谢',
    thanksSuggestions: ['谢谢你的礼物，太惊喜了！', '收到啦，爱你哟', '破费啦，改天请你喝咖啡', '感谢老板，老板大气'],
    thanksPlaceholder: '也可以自己写一句',
    thanksSticker: '选一个表情',
    stickers: {
      hug: { glyph: '🤗', name: '抱抱' },
      heart: { glyph: '💗', name: '比心' },
      cheers: { glyph: '🥂', name: '干杯' },
      flower: { glyph: '💐', name: '送花' },
      cake: { glyph: '🎂', name: '蛋糕' },
      bow: { glyph: '🙇', name: '鞠躬' },
    } satisfies Record<ThanksSticker, { glyph: string; name: string }>,
    thanksSend: '发送感谢',
    thanksSending: '发送中…',
    thanksSent: '感谢已送达',
    thanksFrom: (name: string) => `${name} 的感谢`,
    openEnvelope: '開',
    openHint: '点开看看 TA 的心意',
    best: '手气最佳',
    claimsTitle: (n: number, total: number) => `已领取 ${n}/${total} 份`,
    chatCard: '聊天卡片',
    chatCardGoing: (claimed: number, total: number) => `领取中 ${claimed}/${total}`,
    chatCardPrivate: '私密卡片：只有收到的聊天能打开',
    sealTitle: '开启时间',
    sealModes: { now: '立即可领', sealed: '定时开启' },
    sealEarlier: '早一天',
    sealLater: '晚一天',
    /** The opening time's finer step, earlier (< 0) or later. */
    sealHourStep: (hours: number) => `${hours < 0 ? '−' : '+'}${Math.abs(hours)} 小时`,
    sealNote: (when: string) =>
      `好友在 ${when} 才能拆开领取，开启后 ${ruleSpan(GIFT_RULES.claimWindowMs)}内有效；开启前你可以随时撤回`,
    opensAt: (when: string) => `${when} 开启`,
    sealedBadge: '待开启',
    sealedTitle: '一份礼品，还没到拆开的时候',
    countdown: (left: string) => `距开启还有 ${left}`,
    remind: '开启时提醒我',
    reminded: '开启时会通知你',
    days: (ms: number) => {
      const m = Math.max(0, Math.ceil(ms / 60_000));
      const d = Math.floor(m / 1440);
      const h = Math.floor((m % 1440) / 60);
      return `${d > 0 ? `${d} 天 ` : ''}${h} 小时 ${m % 60} 分钟`;
    },
    previewTitle: '好友收到的样子',
  },
  profile: {
    signIn: '登录后设置头像和昵称',
    entry: '头像和昵称',
    entryHint: '好友收到你的礼品时会看到',
    hint: '好友收到你送的礼品时，信封上会显示你的头像和昵称',
    wechatAvatar: '用微信头像',
    pickImage: '从相册选择',
    presets: '或选一个默认头像',
    nickname: '昵称',
    nicknamePlaceholder: '填写昵称',
    save: '保存',
    saving: '保存中…',
    saved: '已保存',
    imageFailed: '这张图片用不了，换一张试试',
    presetNames: { cat: '小猫', bear: '小熊', bunny: '小兔', fox: '狐狸', panda: '熊猫', chick: '小鸡' },
  },
} as const;
