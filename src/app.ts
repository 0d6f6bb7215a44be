/** The app root: creates the stores once and provides them to every page. */
import { createElement, type PropsWithChildren } from 'react';
import { createRootStore, StoreProvider } from './stores';
import './app.scss';

const root = createRootStore();

function App({ children }: PropsWithChildren) {
  return createElement(StoreProvider, { value: root }, children);
}

export default App;
