/**
 * The operator's actions of the merchant function (contracts/operator.ts), each gated by role:
 * operators only, and only for their own brands; `joinStaff` is for any signed-in holder.
 * Schemas are strict all the way down, so the product rules only ever see well-typed drafts.
 */
import { OPERATOR_LIMITS, type OperatorActions } from '../../../src/contracts/operator';
import { CARD_CAP, THEME_IDS } from '../../../src/domain/catalog';
import { HEX_COLOR, PRODUCT_LIMITS } from '../../../src/domain/product-rules';
import { now } from '../clock';
import { action, type ActionsFor } from '../router';
import { fenSchema, idSchema, textSchema, z } from '../validate';
import { createInvite, joinStaff, listInvites, revokeInvite } from './invites';
import { adjustStock, listProducts, saveProduct, setOnSale } from './products-admin';
import { requireOperator } from './staff';
import { addStore, myBrands, updateStore } from './stores-admin';
import { listStaff, removeClerk } from './team';

type Out<A extends keyof OperatorActions> = OperatorActions[A]['output'];

const brandId = idSchema(64);
// The kind's own cap is a product rule (productIssues), checked once the kind is known.
const fenAmount = fenSchema({ max: CARD_CAP });
const text = (max: number) => textSchema(max).refine((s) => s.trim().length > 0, 'required');

const face = z
  .object({
    id: idSchema(64).optional(),
    name: text(PRODUCT_LIMITS.faceNameMax),
    theme: z.enum(THEME_IDS),
    colors: z.tuple([z.string().regex(HEX_COLOR), z.string().regex(HEX_COLOR)]),
    blessing: text(PRODUCT_LIMITS.blessingMax),
  })
  .strict();

const validity = z.discriminatedUnion('type', [
  z.object({ type: z.literal('never') }).strict(),
  z
    .object({
      type: z.literal('afterActivation'),
      months: z.number().int().min(1).max(PRODUCT_LIMITS.validityMonthsMax),
    })
    .strict(),
  z.object({ type: z.literal('fixedDate'), until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
]);

const saveProductInput = z
  .object({
    brandId,
    productId: idSchema(64).optional(),
    name: text(PRODUCT_LIMITS.nameMax),
    kind: z.enum(['registered', 'bearer']),
    denominations: z.array(fenAmount).max(PRODUCT_LIMITS.denominationsMax),
    customAmount: z.object({ min: fenAmount, max: fenAmount }).strict().nullable(),
    faces: z.array(face).min(1).max(PRODUCT_LIMITS.facesMax),
    validity,
    usageRules: z.array(text(PRODUCT_LIMITS.usageRuleMax)).max(PRODUCT_LIMITS.usageRulesMax),
    transferLimit: z.number().int().min(0).max(PRODUCT_LIMITS.transferLimitMax),
    refundWindowDays: z.number().int().min(0).max(PRODUCT_LIMITS.refundWindowDaysMax),
    bonus: z.object({ minAmount: fenAmount, amount: fenAmount }).strict().nullable(),
    stock: z.number().int().min(0).max(PRODUCT_LIMITS.stockMax).nullable().optional(),
    onSale: z.boolean(),
    featured: z.boolean(),
  })
  .strict();

const storeText = {
  name: text(OPERATOR_LIMITS.storeNameMax),
  address: text(OPERATOR_LIMITS.addressMax),
};

export const operatorActions = {
  myBrands: action({
    access: 'user',
    input: z.object({}).strict(),
    run: async (_input, caller): Promise<Out<'myBrands'>> => ({ brands: await myBrands(caller.openId) }),
  }),

  products: action({
    access: 'user',
    input: z.object({ brandId }).strict(),
    run: async (input, caller): Promise<Out<'products'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { products: await listProducts(input.brandId) };
    },
  }),

  saveProduct: action({
    access: 'user',
    input: saveProductInput,
    run: async (input, caller): Promise<Out<'saveProduct'>> => ({ product: await saveProduct(caller, input, now()) }),
  }),

  adjustStock: action({
    access: 'user',
    input: z
      .object({
        productId: idSchema(64),
        delta: z
          .number()
          .int()
          .min(-OPERATOR_LIMITS.stockDeltaMax)
          .max(OPERATOR_LIMITS.stockDeltaMax)
          .refine((d) => d !== 0, 'must not be 0'),
      })
      .strict(),
    run: async (input, caller): Promise<Out<'adjustStock'>> => ({
      product: await adjustStock(caller, input.productId, input.delta, now()),
    }),
  }),

  setOnSale: action({
    access: 'user',
    input: z.object({ productId: idSchema(64), onSale: z.boolean() }).strict(),
    run: async (input, caller): Promise<Out<'setOnSale'>> => ({
      product: await setOnSale(caller, input.productId, input.onSale, now()),
    }),
  }),

  addStore: action({
    access: 'user',
    input: z.object({ brandId, ...storeText }).strict(),
    run: async (input, caller): Promise<Out<'addStore'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { store: await addStore(caller, input.brandId, input.name.trim(), input.address.trim(), now()) };
    },
  }),

  updateStore: action({
    access: 'user',
    input: z.object({ brandId, storeId: idSchema(64), ...storeText }).strict(),
    run: async (input, caller): Promise<Out<'updateStore'>> => {
      await requireOperator(caller.openId, input.brandId);
      const store = await updateStore(
        caller,
        input.brandId,
        input.storeId,
        input.name.trim(),
        input.address.trim(),
        now(),
      );
      return { store };
    },
  }),

  createInvite: action({
    access: 'user',
    input: z.object({ brandId, storeIds: z.array(idSchema(64)).min(1).max(OPERATOR_LIMITS.storesMax) }).strict(),
    run: async (input, caller): Promise<Out<'createInvite'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { invite: await createInvite(caller, input.brandId, input.storeIds, now()) };
    },
  }),

  invites: action({
    access: 'user',
    input: z.object({ brandId }).strict(),
    run: async (input, caller): Promise<Out<'invites'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { invites: await listInvites(input.brandId, now()) };
    },
  }),

  revokeInvite: action({
    access: 'user',
    input: z.object({ brandId, id: idSchema(64) }).strict(),
    run: async (input, caller): Promise<Out<'revokeInvite'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { invite: await revokeInvite(caller, input.brandId, input.id, now()) };
    },
  }),

  joinStaff: action({
    access: 'user',
    input: z
      .object({
        code: z.string().min(1).max(OPERATOR_LIMITS.inviteCodeMax),
        name: text(OPERATOR_LIMITS.staffNameMax),
      })
      .strict(),
    run: async (input, caller): Promise<Out<'joinStaff'>> => ({
      profile: await joinStaff(caller, input.code, input.name.trim(), now()),
    }),
  }),

  staff: action({
    access: 'user',
    input: z.object({ brandId }).strict(),
    run: async (input, caller): Promise<Out<'staff'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { staff: await listStaff(caller.openId, input.brandId) };
    },
  }),

  removeClerk: action({
    access: 'user',
    input: z.object({ brandId, staffId: z.string().regex(/^[0-9a-f]{24}$/) }).strict(),
    run: async (input, caller): Promise<Out<'removeClerk'>> => {
      await requireOperator(caller.openId, input.brandId);
      await removeClerk(caller, input.brandId, input.staffId, now());
      return { removed: true };
    },
  }),
} satisfies ActionsFor<OperatorActions>;
