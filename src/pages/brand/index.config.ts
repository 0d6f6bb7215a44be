export default definePageConfig({ navigationBarTitleText: '品牌礼品卡' });
