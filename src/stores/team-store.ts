/**
 * The operator's team: the brand's stores, its staff and the invites that bring clerks in (an
 * invite's code shown once, from here only), and a clerk joining by code.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { CreatedInvite, InviteView, StaffView } from '../contracts/operator';
import type { ClerkProfileView } from '../contracts/merchant';
import { normalizeCode } from '../domain/codes';
import type { OperatorApi } from '../services/operator-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';
import type { OperatorStore } from './operator-store';

export class TeamStore {
  readonly staff = new AsyncView<StaffView[]>((s) => s.length === 0);
  readonly invites = new AsyncView<InviteView[]>((i) => i.length === 0);
  /** Store and team changes, joining. */
  readonly action = new BusyAction();
  /** The invite just made: its code is shown from here only, until the page is left. */
  createdInvite: CreatedInvite | null = null;
  joined: ClerkProfileView | null = null;

  constructor(
    private readonly api: OperatorApi,
    /** The current brand, whose team this is. */
    private readonly operator: OperatorStore,
  ) {
    makeAutoObservable<TeamStore, 'api' | 'operator'>(this, { api: false, operator: false });
  }

  private get brandId(): string {
    return this.operator.brandId;
  }

  async loadTeam(brandId = this.brandId): Promise<void> {
    await this.operator.useBrand(brandId);
    if (!this.brandId) return;
    const id = this.brandId;
    await Promise.all([
      this.staff.run(async () => (await this.api.staff(id)).staff),
      this.invites.run(async () => (await this.api.invites(id)).invites),
    ]);
  }

  async addStore(name: string, address: string): Promise<boolean> {
    const res = await this.action.run(() => this.api.addStore(this.brandId, name.trim(), address.trim()));
    if (!res) return false;
    runInAction(() => this.operator.patchBrandStores((stores) => [...stores, res.store]));
    return true;
  }

  async updateStore(storeId: string, name: string, address: string): Promise<boolean> {
    const res = await this.action.run(() => this.api.updateStore(this.brandId, storeId, name.trim(), address.trim()));
    if (!res) return false;
    runInAction(() =>
      this.operator.patchBrandStores((stores) => stores.map((s) => (s.id === storeId ? res.store : s))),
    );
    return true;
  }

  async createInvite(storeIds: string[]): Promise<boolean> {
    if (storeIds.length === 0) return false;
    const res = await this.action.run(() => this.api.createInvite(this.brandId, storeIds));
    if (!res) return false;
    runInAction(() => (this.createdInvite = res.invite));
    const id = this.brandId;
    await this.invites.run(async () => (await this.api.invites(id)).invites);
    return true;
  }

  async revokeInvite(id: string): Promise<void> {
    const res = await this.action.run(() => this.api.revokeInvite(this.brandId, id));
    if (!res) return;
    runInAction(() => {
      this.invites.data = this.invites.data?.map((i) => (i.id === id ? res.invite : i));
      if (this.createdInvite?.id === id) this.createdInvite = null;
    });
  }

  async removeClerk(staffId: string): Promise<void> {
    const res = await this.action.run(() => this.api.removeClerk(this.brandId, staffId));
    if (!res) return;
    runInAction(() => {
      const left = (this.staff.data ?? []).filter((s) => s.id !== staffId);
      this.staff.data = left;
      this.staff.status = left.length === 0 ? 'empty' : 'ready';
    });
  }

  /** Leaving the team page forgets the invite code shown on it. */
  forgetInvite(): void {
    this.createdInvite = null;
  }

  /** A clerk joining by an invite's code. */
  async join(code: string, name: string): Promise<boolean> {
    const res = await this.action.run(() => this.api.joinStaff(normalizeCode(code), name.trim()));
    if (!res) return false;
    runInAction(() => (this.joined = res.profile));
    return true;
  }
}
