/**
 * The operator's side of the `merchant` function: card products and their faces, stock and sale,
 * stores, clerks joined by invite, and batch issue.
 */
import type { CardFace, CardProduct } from '../domain/catalog';
import type { Fen } from '../domain/money';
import type { FaceDraft, ProductDraft } from '../domain/product-rules';
import type { ClerkProfileView } from './merchant';

export const OPERATOR_LIMITS = {
  storeNameMax: 20,
  addressMax: 60,
  staffNameMax: 20,
  /** Stores a brand may have (they are kept in the brand document). */
  storesMax: 50,
  /** The typed invite code, with some room for spaces and dashes. */
  inviteCodeMax: 16,
  /** An invite's code as made, and how long it may be used. */
  inviteCodeLength: 8,
  inviteTtlDays: 7,
  stockDeltaMax: 1_000_000,
  /** Cards one batch issues at most. */
  batchMax: 100,
} as const;

export interface OperatorStoreView {
  id: string;
  name: string;
  address: string;
}

export interface OperatorBrandView {
  id: string;
  name: string;
  color: string;
  logo: string;
  stores: OperatorStoreView[];
}

/** A face with the gradient it was drawn with, so the editor can show and change it. */
export interface OperatorFaceView extends CardFace {
  colors: [string, string];
}

/** A product as its operator sees it: on sale or not, with its stock. */
export interface OperatorProductView extends Omit<CardProduct, 'faces'> {
  faces: OperatorFaceView[];
}

/** What the editor sends: a draft plus where it goes. `stock` is set on create only. */
export interface SaveProductInput extends Omit<ProductDraft<Fen>, 'stock' | 'faces'> {
  brandId: string;
  /** Absent to create a product. */
  productId?: string;
  faces: FaceDraft[];
  stock?: number | null;
  onSale: boolean;
  featured: boolean;
}

export type InviteState = 'open' | 'used' | 'revoked' | 'expired';

/** An invite as listed: never its code. */
export interface InviteView {
  id: string;
  stores: OperatorStoreView[];
  state: InviteState;
  createdAt: number;
  expiresAt: number;
  /** The clerk's name once someone joined with it. */
  joinedName: string | null;
  joinedAt: number | null;
}

/** The one answer that carries an invite's code. */
export interface CreatedInvite {
  id: string;
  code: string;
  /** The mini-program page a clerk opens (as a link or from the QR). */
  path: string;
  expiresAt: number;
  /**
   * The invite's 小程序码 as a data URL: the join page with the code as its scene (8 characters, so
   * it needs no stand-in). Null when WeChat could not make one: the link and its QR still work.
   */
  wxacode: string | null;
}

export interface StaffView {
  /** Opaque: not the member's OPENID. */
  id: string;
  name: string;
  role: 'operator' | 'clerk';
  /** Their stores of this brand. */
  stores: OperatorStoreView[];
  /** Whether this is the caller. */
  me: boolean;
}

type BrandInput = { brandId: string };

export interface OperatorActions {
  myBrands: { input: Record<string, never>; output: { brands: OperatorBrandView[] } };
  products: { input: BrandInput; output: { products: OperatorProductView[] } };
  saveProduct: { input: SaveProductInput; output: { product: OperatorProductView } };
  /** A signed change of the remaining stock; never below zero. */
  adjustStock: { input: { productId: string; delta: number }; output: { product: OperatorProductView } };
  setOnSale: { input: { productId: string; onSale: boolean }; output: { product: OperatorProductView } };
  addStore: { input: BrandInput & { name: string; address: string }; output: { store: OperatorStoreView } };
  updateStore: {
    input: BrandInput & { storeId: string; name: string; address: string };
    output: { store: OperatorStoreView };
  };
  createInvite: { input: BrandInput & { storeIds: string[] }; output: { invite: CreatedInvite } };
  invites: { input: BrandInput; output: { invites: InviteView[] } };
  revokeInvite: { input: BrandInput & { id: string }; output: { invite: InviteView } };
  /** Any signed-in holder: become a clerk of the invite's brand at its stores. */
  joinStaff: { input: { code: string; name: string }; output: { profile: ClerkProfileView } };
  staff: { input: BrandInput; output: { staff: StaffView[] } };
  removeClerk: { input: BrandInput & { staffId: string }; output: { removed: true } };
}
