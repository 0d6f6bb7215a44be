/**
 * Share cards in WeChat: before sharing, the page declares its card updatable (member_count of
 * room_limit, as the cloud keeps it up to date) and, for a single gift, private, with the activity id
 * the cloud made (wx.updateShareMenu); the friend's app, opened from the card, asks WeChat to verify
 * the chat it came from (wx.authPrivateMessage with the launch's shareTicket) and hands the answer's
 * cloudID to the cloud, which resolves it itself.
 */
import Taro from '@tarojs/taro';
import type { ChatShare } from './chat-share-types';

export const chatShare: ChatShare = {
  available: true,
  async declareCard({ activityId, isPrivate, claimed, shares }) {
    await Taro.updateShareMenu({
      withShareTicket: true,
      isUpdatableMessage: true,
      isPrivateMessage: isPrivate,
      activityId,
      templateInfo: {
        parameterList: [
          { name: 'member_count', value: String(claimed) },
          { name: 'room_limit', value: String(shares) },
        ],
      },
    } as Taro.updateShareMenu.Option);
  },
  async chatProof() {
    const { shareTicket } = Taro.getEnterOptionsSync();
    if (!shareTicket) return undefined;
    try {
      const res = (await Taro.authPrivateMessage({ shareTicket })) as { cloudID?: string };
      return res.cloudID;
    } catch {
      return undefined;
    }
  },
};
