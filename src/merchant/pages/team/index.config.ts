export default definePageConfig({
  navigationBarTitleText: '门店与店员',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
