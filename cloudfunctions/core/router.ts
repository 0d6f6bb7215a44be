/**
 * The action router every function entry uses: `{ action, ...input }` in, the envelope out.
 * It validates the action name and the input, resolves the caller from the platform context,
 * runs the use case and turns expected failures into `{ ok: false, error }`. Unexpected errors
 * are logged with the request id and answered as INTERNAL without their details.
 */
import type { z } from 'zod';
import type { Envelope } from '../../src/contracts/envelope';
import { failure, success } from '../../src/contracts/envelope';
import { DomainError, ErrorCode } from '../../src/domain/errors';
import { getCaller, type CallerContext } from './cloud';
import { now } from './clock';
import { parseInput } from './validate';

/** Who may call an action: anyone (catalog browsing) or a caller with an OPENID. */
export type Access = 'public' | 'user';

export interface ActionSpec<S extends z.ZodTypeAny, R> {
  access: Access;
  input: S;
  run: (input: z.output<S>, caller: CallerContext) => Promise<R>;
}

// The table's value types differ per action; `any` here is confined to the table's element type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionSpec<any, unknown>>;

/** What a contract interface says of each action: its input as sent and its output. */
export type Contract<C> = { [A in keyof C]: { input: unknown; output: unknown } };

/**
 * An action as a contract sees it: a schema whose input type is the contract's input, and a run that
 * answers the contract's output (what `run` takes is the schema's business, hence `never`).
 */
export interface ServedAction<I, O> {
  access: Access;
  input: { readonly _input: I };
  run: (input: never, caller: CallerContext) => Promise<O>;
}

/**
 * The table a function serves for contract `C`: exactly its actions — declared with `satisfies`,
 * a missing, extra or misspelt action, a schema taking other fields or a wrong output fails to compile.
 */
export type ActionsFor<C extends Contract<C>> = { [A in keyof C]: ServedAction<C[A]['input'], C[A]['output']> };

/**
 * Several tables served by one function, refusing at load a name two of them define (a spread would
 * let the later one silently replace the earlier).
 */
export function mergeTables<T extends ActionTable[]>(
  ...tables: T
): T[number] extends never ? never : UnionToIntersection<T[number]> {
  const merged: ActionTable = {};
  for (const table of tables) {
    for (const name of Object.keys(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`action ${name} is defined twice`);
      merged[name] = table[name]!;
    }
  }
  return merged as never;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Defines one action with its schema inferred. */
export function action<S extends z.ZodTypeAny, R>(spec: ActionSpec<S, R>): ActionSpec<S, R> {
  return spec;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a timer job learns of its firing: the event's `Time` (ISO 8601 UTC; unchecked, as sent). */
export interface TimerTick {
  time: unknown;
}

/** Jobs run by the function's timer trigger, by trigger name (config.json: one trigger per function). */
export type TimerTable = Record<string, (now: number, tick: TimerTick) => Promise<unknown>>;

/**
 * The platform's SOURCE for timer-triggered invocations (Cloud.getWXContext reference; there is no
 * `wx_timer`): only it may run a timer job. Exactly this value — a chain such as `wx_trigger,scf`
 * is another function calling us, which may be a client's doing, so it runs no job.
 */
export const TIMER_SOURCE = 'wx_trigger';

function isTimerEvent(event: Record<string, unknown>): boolean {
  return event.Type === 'Timer' && typeof event.TriggerName === 'string';
}

/** Builds a function's `main(event, context)` from its action table (and its timer jobs). */
export function createHandler(table: ActionTable, timers: TimerTable = {}) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    try {
      if (isPlainObject(event) && isTimerEvent(event)) {
        const job = Object.prototype.hasOwnProperty.call(timers, event.TriggerName as string)
          ? timers[event.TriggerName as string]
          : undefined;
        if (!job || getCaller().source !== TIMER_SOURCE)
          return failure(ErrorCode.FORBIDDEN, 'timer jobs run only on their trigger');
        return success(await job(now(), { time: event.Time }));
      }
      if (!isPlainObject(event) || typeof event.action !== 'string') {
        return failure(ErrorCode.INVALID_ARGUMENT, 'action: required');
      }
      const { action: name, ...rest } = event;
      // Platform-added fields (userInfo from the mini-program SDK) are not part of the input.
      delete rest.userInfo;
      const spec = Object.prototype.hasOwnProperty.call(table, name as string) ? table[name as string] : undefined;
      if (!spec) return failure(ErrorCode.UNKNOWN_ACTION, `unknown action: ${String(name).slice(0, 40)}`);
      const caller = getCaller();
      if (spec.access === 'user' && caller.openId === '') {
        return failure(ErrorCode.UNAUTHENTICATED, 'sign-in required');
      }
      const input = parseInput(spec.input, rest);
      return success(await spec.run(input, caller));
    } catch (e) {
      if (e instanceof DomainError) return failure(e.code, e.message);
      console.error('unhandled error', e);
      return failure(ErrorCode.INTERNAL, 'internal error');
    }
  };
}
