export default definePageConfig({
  navigationBarTitleText: '编辑卡券',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
