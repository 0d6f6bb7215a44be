/** The app shell: pages, the merchant subpackage, the tab bar (首页, 卡包, 订单) and window style. */
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/wallet/index',
    'pages/orders/index',
    'pages/category/index',
    'pages/search/index',
    'pages/brand/index',
    'pages/login/index',
    'pages/pay/index',
    'pages/result/index',
    'pages/card/index',
    'pages/order/index',
    'pages/bind/index',
    'pages/gift/index',
    'pages/share/index',
    'pages/claim/index',
    'pages/gifts/index',
    'pages/paycode/index',
    'pages/profile/index',
  ],
  // Staff pages load only for staff, and stay out of the main package's 2 MB.
  subPackages: [
    {
      root: 'merchant',
      pages: [
        'pages/scan/index',
        'pages/history/index',
        'pages/console/index',
        'pages/reports/index',
        'pages/extensions/index',
        'pages/products/index',
        'pages/product/index',
        'pages/team/index',
        'pages/join/index',
        'pages/batch/index',
      ],
    },
  ],
  tabBar: {
    color: '#666b74',
    selectedColor: '#cc3a2d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      // Icons drawn by scripts/tab-icons.ts (the tab bar takes image files only).
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-selected.png',
      },
      {
        pagePath: 'pages/wallet/index',
        text: '卡包',
        iconPath: 'assets/tabbar/wallet.png',
        selectedIconPath: 'assets/tabbar/wallet-selected.png',
      },
      {
        pagePath: 'pages/orders/index',
        text: '订单',
        iconPath: 'assets/tabbar/orders.png',
        selectedIconPath: 'assets/tabbar/orders-selected.png',
      },
    ],
  },
  window: {
    navigationBarTitleText: '礼品卡中心',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    // H5 draws the title bar itself only when asked: with it, a page opened from a link has home, others back.
    navigationStyle: 'default',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'light',
  },
  // Load each page's components only when the page is shown (the devtools' lazy-loading check).
  lazyCodeLoading: 'requiredComponents',
  // Privacy APIs (the clipboard) wait for the user's consent to the privacy guide, asked by our sheet.
  __usePrivacyCheck__: true,
});
