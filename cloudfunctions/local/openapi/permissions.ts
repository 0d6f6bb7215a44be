/**
 * Which open APIs each function may call: its config.json's `permissions.openapi`, as the cloud
 * reads it on deployment. A function calling one it does not list fails with the cloud's
 * -604101 ("function has no permission to call this API"), so a missing grant shows up locally.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FunctionDefinition } from '../runtime/discover';

export function openApiPermissions(functions: readonly FunctionDefinition[]): (fn: string) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  return (fn) => {
    let granted = cache.get(fn);
    if (!granted) {
      const def = functions.find((f) => f.name === fn);
      const config = def
        ? (JSON.parse(fs.readFileSync(path.join(def.dir, 'config.json'), 'utf8')) as {
            permissions?: { openapi?: unknown };
          })
        : {};
      const list = config.permissions?.openapi;
      granted = new Set(Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : []);
      cache.set(fn, granted);
    }
    return granted;
  };
}
