export default definePageConfig({
  navigationBarTitleText: '加入商户',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
