/**
 * The app's pages as WeChat knows them from the published package: the main package's `pages` and
 * each subpackage's `root/page`, read from `src/app.config.ts` (Taro's `defineAppConfig` only
 * returns its argument, so the file is evaluated with that stand-in).
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

interface AppConfigShape {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

let cached: ReadonlySet<string> | undefined;

export function appPages(): ReadonlySet<string> {
  if (cached) return cached;
  const g = globalThis as { defineAppConfig?: (c: AppConfigShape) => AppConfigShape };
  const had = 'defineAppConfig' in g;
  const previous = g.defineAppConfig;
  g.defineAppConfig = (c) => c;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires -- a config module evaluated once, on first use
    const mod = require(path.join(PROJECT_ROOT, 'src', 'app.config')) as { default: AppConfigShape };
    const config = mod.default;
    cached = new Set([
      ...config.pages,
      ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
    ]);
  } finally {
    if (had) g.defineAppConfig = previous;
    else delete g.defineAppConfig;
  }
  return cached;
}
