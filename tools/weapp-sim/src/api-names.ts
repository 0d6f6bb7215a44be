/**
 * Every API name of WeChat's `wx` object, read from WeChat's own typings (miniprogram-api-typings,
 * `interface Wx`). Taro builds its `Taro.*` wrappers from the keys of `wx`, so the simulator's `wx`
 * has every one of them: the ones it models answer, the rest throw naming the API.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

let cached: string[] | undefined;

export function wechatApiNames(): string[] {
  if (cached) return cached;
  const file = createRequire(__filename).resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts');
  const source = fs.readFileSync(file, 'utf8');
  const start = source.indexOf('interface Wx {');
  if (start < 0) throw new Error(`no interface Wx in ${file}`);
  const names = new Set<string>();
  // Members of the interface sit at eight spaces: `name(` or `name<T …>(`.
  const re = /^ {8}([a-zA-Z][a-zA-Z0-9]*)\s*(?:<[^\n]*>)?\(/gm;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) names.add(m[1]!);
  cached = [...names].sort();
  return cached;
}
