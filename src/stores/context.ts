/** Provides the root store to pages through React context. */
import { createContext, useContext } from 'react';
import type { RootStore } from './root-store';

const StoreContext = createContext<RootStore | null>(null);

export const StoreProvider = StoreContext.Provider;

export function useStores(): RootStore {
  const root = useContext(StoreContext);
  if (!root) throw new Error('useStores() needs a StoreProvider above it');
  return root;
}
