export default definePageConfig({
  navigationBarTitleText: '到店付款',
  navigationBarBackgroundColor: '#e8483a',
  navigationBarTextStyle: 'white',
  backgroundColor: '#e8483a',
  // PayQr draws with the native Canvas 2D component on the mini-program (pay-qr.weapp.tsx); H5 ignores this.
  usingComponents: { 'qr-canvas': '../../components/native/qr-canvas/index' },
});
