/**
 * The value formats WeChat checks in a subscribe message's `data`, by the key's type (the key without
 * its number: `thing1` is a thing). A value out of format makes `subscribeMessage.send` fail with
 * 47003 (subscribeMessage.send reference, 订阅消息参数值内容限制说明; shared/platform.md).
 */

const chars = (s: string): number => [...s].length;

/** The currency signs WeChat shows in amounts. */
const AMOUNT = /^[¥￥$€£]\d{1,10}(\.\d{1,2})?元?$/u;
/** 24-hour time, alone or after a date (2019年10月1日 15:01, 2019-10-01 15:01[:05]), or a date alone. */
const TIME =
  /^(?:(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?)$/;

type Check = (value: string) => boolean;

/** Checks of the types our templates use, and the neighbours a template might add. */
const CHECKS: Readonly<Record<string, Check>> = {
  // 20 characters at most: Chinese, digits, letters or signs.
  thing: (v) => chars(v) >= 1 && chars(v) <= 20,
  // One currency sign, up to 10 digits, optional decimals, optional 元 — no thousands separators.
  amount: (v) => AMOUNT.test(v),
  time: (v) => TIME.test(v),
  date: (v) => TIME.test(v),
  // 10 Chinese characters, or 20 letters / signs.
  name: (v) => (/^\p{Script=Han}{1,10}$/u.test(v) || /^[^\p{Script=Han}]{1,20}$/u.test(v)) && !/\d/.test(v),
  // 5 Chinese characters at most.
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
  // 32 digits at most, decimals allowed.
  number: (v) => /^\d+(\.\d+)?$/.test(v) && v.length <= 32,
  // 32 digits, letters or signs at most.
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
};

/** The type of a template key (`thing1` → `thing`), or undefined for a key no template has. */
export function keyType(key: string): string | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && m[1]! in CHECKS ? m[1] : undefined;
}

/** Whether `value` is in the format of `key`'s type. */
export function validValue(key: string, value: unknown): boolean {
  const type = keyType(key);
  return type !== undefined && typeof value === 'string' && CHECKS[type]!(value);
}
