export default definePageConfig({ navigationBarTitleText: '礼品卡中心', enablePullDownRefresh: false });
