export default definePageConfig({
  navigationBarTitleText: '到店付款',
  navigationBarBackgroundColor: '#cc3a2d',
  navigationBarTextStyle: 'white',
  backgroundColor: '#cc3a2d',
  // PayQr draws with the native Canvas 2D component on the mini-program (pay-qr.weapp.tsx); H5 ignores this.
  usingComponents: { 'qr-canvas': '../../components/native/qr-canvas/index' },
});
