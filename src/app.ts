/** The app root: creates the stores once and provides them to every page. */
import { createElement, type PropsWithChildren } from 'react';
import './home-first';
import { opensOnHome } from './services/launch';
import { createRootStore, StoreProvider } from './stores';
import './app.scss';

const root = createRootStore();
// WeChat's privacy questions are ours to answer from the first page on (a no-op on H5).
root.privacy.start();
// On H5 the home page's code is still downloading when this runs: ask for its shelves now, so the
// catalog call overlaps the page chunk instead of waiting for it (the page then finds them loading).
if (opensOnHome()) void root.catalog.loadHome();

function App({ children }: PropsWithChildren) {
  return createElement(StoreProvider, { value: root }, children);
}

export default App;
