/**
 * Database calls per path of the operations issue 18 puts under load, counted by the local cloud
 * (no latency model, one caller at a time, so no race adds calls): an order for a limited card that
 * wins its stock and one that finds it sold out, a group gift's claim that wins a share, one from a
 * person who has one already and one after the last share went, and a one-card purchase end to end
 * (create, pay on the sheet, sync: the payment notification and the sync both try to settle, and
 * which wins, and whether they meet, varies from run to run: 13 calls when they don't meet). Each call is a round trip in
 * WeChat Cloud and about a millisecond of CPU here, so these counts are what the hot spots cost.
 */
import { benchCloud, callsByAction, limitedProduct, report, settled, type BenchCloud } from './support';

/** Runs `one` alone on a quiet cloud and reports its answer and its database calls by action. */
async function counted(b: BenchCloud, label: string, one: () => Promise<string>): Promise<void> {
  await settled(b.cloud);
  b.cloud.db.resetStats();
  const answer = await one();
  await settled(b.cloud);
  report(`${label} → ${answer}`, callsByAction(b.cloud));
}

const outcome = (a: { result?: { ok: boolean; error?: { code: string } } }): string =>
  a.result?.ok ? 'OK' : (a.result?.error?.code ?? 'ERROR');

export async function callCounts(): Promise<void> {
  const b = await benchCloud();
  try {
    const dave = await b.session('o-demo-dave');
    const { product } = (await b.call(
      'merchant',
      { action: 'saveProduct', ...limitedProduct('限量计数卡', 1) },
      dave,
    )) as {
      product: { _id: string; faces: { id: string }[] };
    };
    const order = async (buyer: string): Promise<string> =>
      outcome(
        await b.post(
          '/api/functions/orders',
          {
            action: 'create',
            productId: product._id,
            faceId: product.faces[0]!.id,
            amount: 5_000,
            quantity: 1,
            purpose: 'self',
            requestId: `calls-${buyer}`,
          },
          await b.session(buyer),
        ),
      );
    await counted(b, 'order for a limited card, the last one', () => order('calls-first'));
    await counted(b, 'order for a limited card, sold out', () => order('calls-late'));

    const sender = await b.session('calls-sender');
    const cardId = await b.cardOf(sender, 100_000);
    const { token } = (await b.call(
      'gifts',
      {
        action: 'send',
        cardId,
        mode: 'group',
        amount: 50_000,
        shares: 2,
        shareMode: 'random',
        blessing: '',
        senderName: '计数',
        requestId: 'calls-group-gift',
      },
      sender,
    )) as { token: string };
    const claim = async (who: string): Promise<string> =>
      outcome(await b.post('/api/functions/gifts', { action: 'claim', token, name: '群友' }, await b.session(who)));
    await counted(b, 'group gift claim that wins a share', () => claim('calls-a'));
    await counted(b, 'group gift claim, claimed already', () => claim('calls-a'));
    await claim('calls-b');
    await counted(b, 'group gift claim, the first to find every share gone', () => claim('calls-c'));
    await counted(b, 'group gift claim after that', () => claim('calls-d'));

    const buyer = await b.session('calls-buyer');
    await counted(
      b,
      'one-card purchase (create, pay, sync; the notification races the sync, so it varies)',
      async () => {
        await b.buy(buyer, 10_000, true);
        return 'OK';
      },
    );
  } finally {
    await b.close();
  }
}
