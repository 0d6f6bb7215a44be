export default definePageConfig({
  navigationBarTitleText: '今日收款',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
