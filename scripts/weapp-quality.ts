/**
 * The WeChat devtools' own checks of the weapp build, run offline through miniprogram-ci:
 * the code-quality scan (package size, JS/WXML/WXSS compression, lazy code loading, unused
 * components and files) and the dependency analysis. Shared by `npm run check:weapp` and test/build.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const WEAPP_DIR = path.resolve(__dirname, '..', 'dist', 'weapp');

export interface QualityItem {
  name: string;
  success: boolean;
  text: string;
}

export interface WeappReport {
  items: QualityItem[];
  /** Module errors the dependency analysis found. */
  analyseErrors: string[];
  /** Modules the dependency analysis saw (a sanity check that it looked at the build). */
  modules: number;
  /** Package sizes, as the devtools count them against the 2 MB limit. */
  packages: PackageSizes;
}

/** Our budget for the main package and for each subpackage: half of WeChat's 2 MB, so a release has room to grow. */
export const PACKAGE_BUDGET = 1024 * 1024;

export interface PackageSizes {
  /** Bytes outside every subpackage (source maps excluded). */
  main: number;
  /** Bytes under each subpackage root of app.json. */
  subpackages: Record<string, number>;
}

/** Bytes of the files under `dir`, source maps left out, skipping the paths `skip` names. */
export function bytesUnder(dir: string, skip: (rel: string) => boolean = () => false): number {
  let total = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (skip(path.relative(dir, p))) continue;
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.map')) total += fs.statSync(p).size;
    }
  };
  walk(dir);
  return total;
}

/** Every package over PACKAGE_BUDGET, by name ('main' or its root). */
export function overBudget({ main, subpackages }: PackageSizes): string[] {
  return Object.entries({ main, ...subpackages })
    .filter(([, bytes]) => bytes >= PACKAGE_BUDGET)
    .map(([name]) => name);
}

/** The main package and each subpackage of a weapp build, by the subpackage roots its app.json names. */
export function packageSizes(dir = WEAPP_DIR): PackageSizes {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const subpackages = Object.fromEntries(roots.map((r) => [r, bytesUnder(path.join(dir, r))]));
  return { main: bytesUnder(dir, (rel) => roots.includes(rel)), subpackages };
}

export async function checkWeapp(dir = WEAPP_DIR): Promise<WeappReport> {
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    throw new Error(`no weapp build at ${dir}: run npm run build:weapp first`);
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires -- miniprogram-ci ships CommonJS without ESM typings
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
  const project = new ci.Project({
    appid: process.env.WECHAT_APPID || 'touristappid',
    type: 'miniProgram',
    projectPath: dir,
    // The upload key is required by the constructor but unused by these offline checks: a throwaway one.
    privateKey:
      process.env.WECHAT_UPLOAD_KEY ||
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs1', format: 'pem' })
        .toString(),
    ignores: ['node_modules/**/*', '**/*.map', '**/*.LICENSE.txt'],
  });
  const raw = (await ci.checkCodeQuality(project)) as unknown as {
    name?: string;
    type?: string;
    success: boolean;
    text?: string;
    desc?: string;
  }[];
  const items = raw.map((r) => ({
    name: r.name ?? r.type ?? '?',
    success: r.success,
    text: String(r.text ?? r.desc ?? ''),
  }));
  const analysis = await ci.analyseCode(project, { silent: true });
  if (!analysis || analysis.modules.length === 0) throw new Error('analyseCode found no modules in the build');
  const errs = analysis.modules.flatMap((m) =>
    [...(m.errors ?? []), ...(m.buildError ? [m.buildError] : [])].map((e) => `${m.path}: ${e}`),
  );
  return { items, analyseErrors: errs, modules: analysis.modules.length, packages: packageSizes(dir) };
}
