export default definePageConfig({ navigationBarTitleText: '本地模拟支付' });
