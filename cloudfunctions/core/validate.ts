/**
 * Input validation for every function action. Schemas are zod objects in strict mode, so unknown
 * fields, wrong types, oversized strings and operator objects such as `{ "$gt": "" }` are all refused
 * before a use case runs. Failures become one INVALID_ARGUMENT error naming the first bad field.
 */
import { z } from 'zod';
import { AMOUNT_MAX } from '../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../src/domain/errors';
import { isFen, type Fen } from '../../src/domain/money';
import { CONTROL, visibleText } from '../../src/domain/text';

/** Longest string any field accepts unless its schema says less. */
export const DEFAULT_STRING_MAX = 200;

/** A catalog-style id: lower-case letters, digits and dashes. */
export const idSchema = (max = 64) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'malformed id');

/** A client's id for one attempt of a request (a retry sends the same one). */
export const requestIdSchema = (max = 64) =>
  z
    .string()
    .min(8)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'malformed request id');

/** A bounded, trimmed text. */
export const textSchema = (max = DEFAULT_STRING_MAX) => z.string().max(max);

/**
 * A name or blessing one person writes for another: invisible characters (bidi overrides, zero-width)
 * dropped, trimmed, control characters refused, and at least `min` visible characters left.
 */
export const personTextSchema = (min: number, max: number) =>
  z
    .string()
    .max(max * 2)
    .transform(visibleText)
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((s) => !CONTROL.test(s), 'control characters are not allowed'),
    );

/** What marks a money field in a schema, so tests can find every amount an action takes. */
export const FEN_DESCRIPTION = 'fen';

/**
 * The one way an amount enters a function: an integer number of fen from 1 to `max` — the
 * product's own cap where one applies, else the most one card can hold. A string, a float, a
 * negative number or an operator object is refused like any other bad value; what passes is a `Fen`.
 */
export function fenSchema({ max = AMOUNT_MAX }: { max?: Fen } = {}): z.ZodType<Fen, z.ZodTypeDef, Fen> {
  return z
    .custom<Fen>((v) => isFen(v) && v >= 1 && v <= max, `must be an integer number of fen from 1 to ${max}`)
    .describe(FEN_DESCRIPTION);
}

function describe(issue: z.ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
  return `${where}: ${issue.message}`;
}

/** Parses `input` with `schema` or throws INVALID_ARGUMENT. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const first = result.error.issues[0];
  throw new DomainError(ErrorCode.INVALID_ARGUMENT, first ? describe(first) : 'invalid input');
}

export { z };
