/**
 * H5: the home page's code goes in the app's own chunk. Most visits start there, and the router
 * asked for its chunk only once the app chunk had run, one more round trip before the first
 * shelves; now its `import()` finds the page already loaded. (Taro's component table moves with it,
 * so the other pages' chunks stop carrying their own copies.)
 */
import './pages/home/index';
