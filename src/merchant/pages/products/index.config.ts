export default definePageConfig({
  navigationBarTitleText: '卡券管理',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
