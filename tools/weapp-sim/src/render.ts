/**
 * The render layer's templates: every `.wxml` of the build compiled by WeChat's own WXML compiler
 * (`wcc` of miniprogram-compiler) into `$gwx`, and every `.wxss` by `wcsc`. `$gwx(path)(data)` turns
 * a page's data (Taro's `root`, as setData sent it) into a virtual tree of `wx-view`, `wx-text`, …
 * nodes with their attributes and `bind*` handlers — the tree WeChat's render layer builds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface VElement {
  tag: string;
  attr: Record<string, unknown>;
  children: VNode[];
}
export type VNode = VElement | string;

export function isElement(n: VNode): n is VElement {
  return typeof n === 'object' && n !== null;
}

function compilerBin(name: 'wcc' | 'wcsc'): string {
  if (process.platform !== 'linux') throw new Error('weapp-sim runs WeChat’s Linux compilers only');
  const bin = path.join(
    path.dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json')),
    'bin',
    'linux',
    name,
  );
  fs.chmodSync(bin, 0o755);
  return bin;
}

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith(ext)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export type Gwx = (path: string) => ((data: unknown, dd: unknown, global: unknown) => VElement) | undefined;

/** Compiles every template of the build with `wcc` and evaluates it in a context of its own. */
export function compileTemplates(distDir: string): Gwx {
  const wxml = filesUnder(distDir, '.wxml');
  const wxs = filesUnder(distDir, '.wxs');
  const out = spawnSync(compilerBin('wcc'), ['-d', '-cc', '0', ...wxml, ...wxs, '-gn', '$gwx'], {
    cwd: distDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`wcc failed: ${out.stderr.toString()}`);
  const errors: string[] = [];
  const sandbox: Record<string, unknown> = {
    console: {
      log: () => undefined,
      warn: (...a: unknown[]) => errors.push(a.join(' ')),
      error: (...a: unknown[]) => errors.push(a.join(' ')),
    },
  };
  // The compiler's output expects the render layer's `window` as its global.
  sandbox.window = sandbox;
  sandbox.global = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(out.stdout.toString(), sandbox, { filename: 'wcc-output.js' });
  const gwx = sandbox.$gwx as Gwx;
  const parseInRealm = vm.runInContext('(text) => JSON.parse(text)', sandbox) as (text: string) => unknown;
  return (p) => {
    const fn = gwx(p);
    if (typeof fn !== 'function') return undefined;
    return (data, dd, global) => {
      errors.length = 0;
      // Data reaches the render layer as JSON and is parsed there: objects of the compiler's own realm
      // (its WXS bridge copies only objects whose constructor is its own Object).
      const tree = fn(parseInRealm(JSON.stringify(data)), dd, global);
      // A template the compiler could not find (a node type with no template) is a broken page.
      if (errors.length > 0) throw new Error(`rendering ${p}: ${errors.join('; ')}`);
      return tree;
    };
  };
}

/**
 * The styles with `wcsc`: its output is the render layer's own style code — `comm` (the rpx
 * conversion for the screen's width, shared sheets) and per `.wxss` a `setCssToHead(…)` whose call
 * puts the CSS into the document — run as is in the browser that shows the page.
 */
export interface CompiledStyles {
  common: string;
  files: Map<string, string>;
}

function unescapeJs(v: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
  return v.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
    (c[0] === 'x' && c.length === 3) || (c[0] === 'u' && c.length === 5)
      ? String.fromCharCode(parseInt(c.slice(1), 16))
      : (simple[c] ?? c),
  );
}

export function compileStyles(distDir: string): CompiledStyles {
  const all = filesUnder(distDir, '.wxss');
  // Sheets in folders (pages, components, subpackage chunks) first, counted by -pc; then the root
  // sheets named `./x.wxss`, as app.wxss imports them, or wcsc does not find its imports.
  const scoped = all.filter((f) => f.includes('/'));
  const rest = all.filter((f) => !f.includes('/')).map((f) => `./${f}`);
  const out = spawnSync(compilerBin('wcsc'), ['-db', '-pc', String(scoped.length), ...scoped, ...rest], {
    cwd: distDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`wcsc failed: ${out.stderr.toString()}`);
  const parts = out.stdout.toString().split('=');
  const files = new Map<string, string>();
  let common = '';
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const key = parts[i]!;
    const code = unescapeJs(parts[i + 1]!);
    if (key === 'comm') common = code;
    else if (key !== 'version') files.set(key.replace(/^\.\//, ''), code);
  }
  return { common, files };
}

/** The text a person reads in a subtree. */
export function textOf(n: VNode): string {
  if (!isElement(n)) return n;
  return n.children.map(textOf).join('');
}

/** Element attributes `data-foo-bar` as WeChat's `dataset.fooBar`. */
export function datasetOf(e: VElement): Record<string, unknown> {
  const ds: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.attr)) {
    if (k.startsWith('data-')) ds[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  }
  return ds;
}
