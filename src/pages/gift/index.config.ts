export default definePageConfig({ navigationBarTitleText: '赠送礼品卡' });
