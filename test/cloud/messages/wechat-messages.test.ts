/**
 * The production messages adapter maps a message onto cloud.openapi.subscribeMessage.send's fields.
 * The openapi needs WeChat's servers, so the adapter is given a recording stand-in answering as
 * WeChat documents; what is checked is the mapping and which failures it skips.
 */
import {
  chinaTime,
  WechatMessages,
  type SubscribeMessageApi,
} from '../../../cloudfunctions/core/messages/wechat-messages';
import type { Message } from '../../../cloudfunctions/core/messages/port';

function recorder(fail: (touser: string) => { errCode: number; errMsg: string } | undefined = () => undefined) {
  const sent: Parameters<SubscribeMessageApi['send']>[0][] = [];
  const api: SubscribeMessageApi = {
    async send(req) {
      const error = fail(req.touser);
      if (error) throw Object.assign(new Error(error.errMsg), error);
      sent.push(req);
      return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
    },
  };
  return { api, sent };
}

const message = (to: string, over: Partial<Message> = {}): Message => ({
  to,
  kind: 'giftClaimed',
  page: 'pages/gifts/index?tab=sent',
  fields: {
    card: '蓝山咖啡 心意咖啡卡（可转赠一次的礼品卡）',
    amount: '¥50',
    who: '阿博',
    at: Date.UTC(2026, 10, 24, 4, 5),
    note: '已领取',
  },
  ...over,
});

test('should fill the template keys, cut things to 20 characters and give the time in China time', async () => {
  const { api, sent } = recorder();
  await new WechatMessages(api, { giftClaimed: 'tmpl-claimed' }).send([message('o-1')]);
  expect(sent).toEqual([
    {
      touser: 'o-1',
      templateId: 'tmpl-claimed',
      page: 'pages/gifts/index?tab=sent',
      miniprogramState: 'formal',
      data: {
        thing1: { value: '蓝山咖啡 心意咖啡卡（可转赠一次的礼品…' },
        amount2: { value: '¥50' },
        thing3: { value: '阿博' },
        time4: { value: '2026-11-24 12:05' },
        thing5: { value: '已领取' },
      },
    },
  ]);
  expect([...sent[0]!.data.thing1!.value].length).toBe(20);
  expect(chinaTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01 00:30');
});

test('should skip kinds without a template and users who did not subscribe, and still send the rest', async () => {
  const { api, sent } = recorder((to) =>
    to === 'o-unsubscribed' ? { errCode: 43101, errMsg: 'user refuse to accept the msg' } : undefined,
  );
  await new WechatMessages(api, { giftClaimed: 'tmpl-claimed' }).send([
    message('o-unsubscribed'),
    message('o-2', { kind: 'giftReturned' }),
    message('o-3'),
  ]);
  expect(sent.map((s) => s.touser)).toEqual(['o-3']);
});
