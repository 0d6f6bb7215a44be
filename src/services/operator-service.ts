/** Typed calls to the `merchant` function's operator actions: catalog, stores, team and batch issue. */
import { MERCHANT_FUNCTION, type MerchantActions } from '../contracts/merchant';
import type { OperatorActions, SaveProductInput } from '../contracts/operator';
import type { Fen } from '../domain/money';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

type Out<A extends keyof MerchantActions> = Promise<MerchantActions[A]['output']>;

/** What the operator store needs; the UI tests give it a fake. */
export interface OperatorApi {
  myBrands(): Out<'myBrands'>;
  products(brandId: string): Out<'products'>;
  saveProduct(input: SaveProductInput): Out<'saveProduct'>;
  adjustStock(productId: string, delta: number): Out<'adjustStock'>;
  setOnSale(productId: string, onSale: boolean): Out<'setOnSale'>;
  addStore(brandId: string, name: string, address: string): Out<'addStore'>;
  updateStore(brandId: string, storeId: string, name: string, address: string): Out<'updateStore'>;
  createInvite(brandId: string, storeIds: string[]): Out<'createInvite'>;
  invites(brandId: string): Out<'invites'>;
  revokeInvite(brandId: string, id: string): Out<'revokeInvite'>;
  joinStaff(code: string, name: string): Out<'joinStaff'>;
  staff(brandId: string): Out<'staff'>;
  removeClerk(brandId: string, staffId: string): Out<'removeClerk'>;
  issueBatch(productId: string, amount: Fen, count: number, requestId: string): Out<'issueBatch'>;
}

export class OperatorService implements OperatorApi {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<MerchantActions>(transport, MERCHANT_FUNCTION);
  }

  myBrands = () => this.call('myBrands', {});
  products = (brandId: string) => this.call('products', { brandId });
  saveProduct = (input: OperatorActions['saveProduct']['input']) => this.call('saveProduct', input);
  adjustStock = (productId: string, delta: number) => this.call('adjustStock', { productId, delta });
  setOnSale = (productId: string, onSale: boolean) => this.call('setOnSale', { productId, onSale });
  addStore = (brandId: string, name: string, address: string) => this.call('addStore', { brandId, name, address });
  updateStore = (brandId: string, storeId: string, name: string, address: string) =>
    this.call('updateStore', { brandId, storeId, name, address });
  createInvite = (brandId: string, storeIds: string[]) => this.call('createInvite', { brandId, storeIds });
  invites = (brandId: string) => this.call('invites', { brandId });
  revokeInvite = (brandId: string, id: string) => this.call('revokeInvite', { brandId, id });
  joinStaff = (code: string, name: string) => this.call('joinStaff', { code, name });
  staff = (brandId: string) => this.call('staff', { brandId });
  removeClerk = (brandId: string, staffId: string) => this.call('removeClerk', { brandId, staffId });
  issueBatch = (productId: string, amount: Fen, count: number, requestId: string) =>
    this.call('issueBatch', { productId, amount, count, requestId });
}
