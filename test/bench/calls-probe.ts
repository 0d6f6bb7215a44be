import { benchCloud, callsByAction, settled } from './support';
async function main() {
  const b = await benchCloud();
  const { cloud } = b;
  const reset = () => cloud.db.resetStats?.();
  const dave = await b.session('o-demo-dave');
  const { product } = (await b.call('merchant', { action: 'saveProduct', brandId: 'brand-lanshan-coffee', name: '限量压测卡', kind: 'bearer', denominations: [5_000], customAmount: null,
    faces: [{ name: '限量', theme: 'thanks', colors: ['#6b3e26', '#d69e2e'], blessing: '限量发售' }], validity: { type: 'afterActivation', months: 36 }, usageRules: ['全国蓝山咖啡门店可用'], transferLimit: 1, refundWindowDays: 7, bonus: null, stock: 1, onSale: true, featured: false }, dave)) as any;
  const buyer = async (i: number) => {
    const t = await b.session(`probe-${i}`);
    await settled(cloud); reset();
    const a = await b.post('/api/functions/orders', { action: 'create', productId: product._id, faceId: product.faces[0].id, amount: 5000, quantity: 1, purpose: 'self', requestId: `probe-req-${i}` }, t);
    console.log(`order create #${i}`, a.result?.ok ? 'OK' : JSON.stringify(a.result?.error), callsByAction(cloud));
  };
  await buyer(1); await buyer(2);
  const t = await b.session('probe-buy');
  await settled(cloud); reset();
  await b.buy(t, 10_000, true);
  await settled(cloud);
  console.log('purchase create+pay+sync(+issue)', callsByAction(cloud));
  await b.close();
}
if (process.env.PROBE !== "gifts") void main();
async function gifts() {
  const b = await benchCloud();
  const { cloud } = b;
  const sender = await b.session('probe-sender');
  const cardId = await b.cardOf(sender, 100_000);
  await settled(cloud); cloud.db.resetStats();
  const sent = (await b.call('gifts', { action: 'send', cardId, mode: 'group', amount: 50_000, shares: 2, shareMode: 'random', blessing: '', senderName: '压测', requestId: 'probe-hot-gift' }, sender)) as { token: string };
  console.log('group send (2 shares)', callsByAction(cloud));
  for (const who of ['a', 'b', 'a', 'c']) {
    const t = await b.session(`probe-claimer-${who}`);
    await settled(cloud); cloud.db.resetStats();
    const a = await b.post('/api/functions/gifts', { action: 'claim', token: sent.token, name: '群友' }, t);
    console.log(`claim ${who}`, a.result?.ok ? 'OK' : a.result?.error?.code, callsByAction(cloud));
  }
  await b.close();
}
if (process.env.PROBE === 'gifts') void gifts();
