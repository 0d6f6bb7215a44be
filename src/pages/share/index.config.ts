export default definePageConfig({ navigationBarTitleText: '分享礼品', enableShareAppMessage: true });
