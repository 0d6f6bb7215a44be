/** Messages between the runtime and a function instance (worker thread). */

/** Per-invocation environment: what getWXContext() and the SDK read. */
export const INVOCATION_ENV_KEYS = [
  'WX_OPENID',
  'WX_APPID',
  'WX_UNIONID',
  'WX_CLIENTIP',
  'TCB_SOURCE',
  'TCB_SEQID',
  'TCB_SESSIONTOKEN',
  // `timer` for a timer trigger's invocation only (SCF timer trigger docs).
  'TRIGGER_SRC',
  'LOCAL_CLOCK_OFFSET_MS',
] as const;

export type InvocationEnv = Partial<Record<(typeof INVOCATION_ENV_KEYS)[number], string>>;

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  event: unknown;
  env: InvocationEnv;
  context: Record<string, unknown>;
}

export type InstanceMessage =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; ok: true; json: string }
  | { type: 'result'; id: number; ok: false; message: string };
