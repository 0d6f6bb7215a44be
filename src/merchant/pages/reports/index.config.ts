export default definePageConfig({
  navigationBarTitleText: '对账与报表',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
