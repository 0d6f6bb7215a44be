export default definePageConfig({
  navigationBarTitleText: '商户收款',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
