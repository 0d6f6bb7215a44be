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
  /** Bytes outside subpackages (source maps excluded). */
  mainPackageBytes: number;
}

function mainPackageBytes(dir: string): number {
  let total = 0;
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        if (!r.startsWith('sub')) walk(path.join(d, e.name), r);
      } else if (!e.name.endsWith('.map')) total += fs.statSync(path.join(d, e.name)).size;
    }
  };
  walk(dir, '');
  return total;
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
  return { items, analyseErrors: errs, modules: analysis.modules.length, mainPackageBytes: mainPackageBytes(dir) };
}
