export default definePageConfig({
  navigationBarTitleText: '批量制卡',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
