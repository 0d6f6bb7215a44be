/** Reversing a redemption asks first: the money goes back to the holder's card and can't be taken again. */
import Taro from '@tarojs/taro';
import type { RedemptionView } from '../contracts/merchant';
import { formatPrice } from '../domain/money';
import type { ClerkStore } from '../stores/clerk-store';
import { strings } from '../strings/zh-CN';

const m = strings.merchant;

export async function askReverse(clerk: ClerkStore, r: RedemptionView, from: 'till' | 'history'): Promise<void> {
  const answer = await Taro.showModal({
    title: m.reverseTitle,
    content: m.reverseBody(formatPrice(r.amount)),
    confirmText: m.reverseConfirm,
    confirmColor: '#cc3a2d',
  });
  if (answer.confirm) await clerk.reverse(r.id, from);
}
