/**
 * The staff pages' stores: the clerk's (shared with the wallet's staff entry) and the operator's
 * (products, team, batch, reports, extensions), created once per root store on the first staff page that
 * asks. Only the merchant subpackage imports this file, so these stores, their services and their
 * strings load with the staff pages, never on a shopper's first visit.
 */
import { ExtensionsService } from '../services/extensions-service';
import { saveTextFile } from '../services/file-saver';
import { OperatorService } from '../services/operator-service';
import { ReportsService } from '../services/reports-service';
import { useStores, type RootStore } from '../stores';
import type { ClerkStore } from '../stores/clerk-store';
import { clerkOf } from '../stores/clerk-of';
import { BatchStore } from '../stores/batch-store';
import { ExtensionsStore } from '../stores/extensions-store';
import { OperatorStore } from '../stores/operator-store';
import { ReportsStore } from '../stores/reports-store';
import { TeamStore } from '../stores/team-store';

export interface StaffStores {
  readonly clerk: ClerkStore;
  /** The current brand, its products and the product editor. */
  readonly operator: OperatorStore;
  readonly team: TeamStore;
  readonly batch: BatchStore;
  readonly reports: ReportsStore;
  readonly extensions: ExtensionsStore;
}

const created = new WeakMap<RootStore, StaffStores>();

/** The staff stores of this root store, made on first use. */
export function staffStores(root: RootStore): StaffStores {
  let stores = created.get(root);
  if (!stores) {
    const api = new OperatorService(root.transport);
    const operator = new OperatorStore(api);
    stores = {
      clerk: clerkOf(root),
      operator,
      team: new TeamStore(api, operator),
      batch: new BatchStore(api, operator),
      reports: new ReportsStore(new ReportsService(root.transport), saveTextFile),
      extensions: new ExtensionsStore(new ExtensionsService(root.transport)),
    };
    created.set(root, stores);
  }
  return stores;
}

/** The staff stores, for a staff page (a component under the StoreProvider). */
export function useStaffStores(): StaffStores {
  return staffStores(useStores());
}
