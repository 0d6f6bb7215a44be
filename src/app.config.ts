/** The app shell: pages and window style. Tabs (钱包, 我的) and the merchant subpackage come with their features. */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/category/index', 'pages/search/index', 'pages/brand/index'],
  window: {
    navigationBarTitleText: '礼品卡中心',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'light',
  },
  // Load each page's components only when the page is shown (the devtools' lazy-loading check).
  lazyCodeLoading: 'requiredComponents',
});
