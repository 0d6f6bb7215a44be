export default definePageConfig({
  navigationBarTitleText: '商户工作台',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
