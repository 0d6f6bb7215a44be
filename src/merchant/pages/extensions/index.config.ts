export default definePageConfig({
  navigationBarTitleText: '延期申请',
  navigationBarBackgroundColor: '#2b2f36',
  navigationBarTextStyle: 'white',
});
