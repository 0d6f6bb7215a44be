/** The operator's expiry actions of the merchant function (contracts/expiry.ts) and the expiry timer. */
import { EXPIRY_LIMITS, type ExpiryOperatorActions } from '../../../src/contracts/expiry';
import { EXTENSION_RULES, EXTENSION_STATES, type ExtensionRequest } from '../../../src/domain/expiry';
import { getDatabase, rows } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import { requireOperator } from '../merchant/staff';
import { action, type ActionsFor } from '../router';
import { idSchema, textSchema, z } from '../validate';
import { decideExtension } from './extensions';
import { toExtensionView } from './views';

type Out<A extends keyof ExpiryOperatorActions> = ExpiryOperatorActions[A]['output'];

const extensionIdSchema = z
  .string()
  .min(5)
  .max(EXPIRY_LIMITS.idMax)
  .regex(/^ext-[a-z0-9][a-z0-9-]*$/, 'malformed request id');

export const expiryOperatorActions = {
  extensions: action({
    access: 'user',
    input: z.object({ brandId: idSchema(64), status: z.enum(EXTENSION_STATES).optional() }).strict(),
    run: async ({ brandId, status }, caller): Promise<Out<'extensions'>> => {
      await requireOperator(caller.openId, brandId);
      const db = getDatabase();
      const _ = db.command;
      const query = (states: string[], order: 'asc' | 'desc') =>
        db
          .collection(C.extensions)
          .where({ brandId, state: states.length === 1 ? states[0] : _.in(states) })
          .orderBy('requestedAt', order)
          .limit(EXPIRY_LIMITS.listMax)
          .get();
      // Pending ones first, the longest waiting on top; then the latest decisions.
      const [pending, decided] = await Promise.all([
        !status || status === 'pending' ? query(['pending'], 'asc') : Promise.resolve({ data: [] }),
        status === 'pending'
          ? Promise.resolve({ data: [] })
          : query(status ? [status] : ['approved', 'declined'], 'desc'),
      ]);
      const requests = [...rows<ExtensionRequest>(pending), ...rows<ExtensionRequest>(decided)];
      return { requests: requests.map(toExtensionView) };
    },
  }),

  decideExtension: action({
    access: 'user',
    input: z
      .object({
        brandId: idSchema(64),
        id: extensionIdSchema,
        approve: z.boolean(),
        months: z.number().int().min(EXTENSION_RULES.minMonths).max(EXTENSION_RULES.maxMonths).optional(),
        note: textSchema(EXPIRY_LIMITS.noteMax).optional(),
      })
      .strict()
      .refine((v) => v.approve || v.months === undefined, {
        message: 'months only go with an approval',
        path: ['months'],
      }),
    run: async ({ brandId, id, approve, months, note }, caller): Promise<Out<'decideExtension'>> => {
      await requireOperator(caller.openId, brandId);
      const decision = { approve, months: months ?? EXTENSION_RULES.defaultMonths, note: (note ?? '').trim() };
      return { request: toExtensionView(await decideExtension(caller, brandId, id, decision, now())) };
    },
  }),
} satisfies ActionsFor<ExpiryOperatorActions>;
