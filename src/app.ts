/** The app root: creates the stores once and provides them to every page. */
import { createElement, type PropsWithChildren } from 'react';
import { createRootStore, StoreProvider } from './stores';
import './app.scss';

const root = createRootStore();
// WeChat's privacy questions are ours to answer from the first page on (a no-op on H5).
root.privacy.start();

function App({ children }: PropsWithChildren) {
  return createElement(StoreProvider, { value: root }, children);
}

export default App;
