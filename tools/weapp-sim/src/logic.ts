/**
 * The logic layer: the build's `app.js`, page scripts and chunks run in a Node `vm` context with the
 * globals WeChat gives a mini-program — `App`, `Page`, `Component`, `Behavior`, `getApp`,
 * `getCurrentPages`, a CommonJS `require` over the package's files, and `wx` — and the page stack
 * WeChat keeps: lifecycles in WeChat's order, the tab bar's pages kept alive, the ten-page limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { applyDataPath, cloneData } from './data-path';
import { createWx, WxFail, type WxHost } from './wx-api';

/** A definition given to `Component()` (the parts a native component uses). */
export interface ComponentDef {
  properties?: Record<string, { type?: unknown; value?: unknown } | unknown>;
  data?: Record<string, unknown>;
  observers?: Record<string, (...args: unknown[]) => void>;
  lifetimes?: Record<string, () => void>;
  methods?: Record<string, (...args: unknown[]) => unknown>;
  [key: string]: unknown;
}

export type PageConfig = Record<string, unknown> & { data?: Record<string, unknown> };

/** A page instance, as `this` in a page's methods and in getCurrentPages(). */
export type PageInstance = Record<string, unknown> & {
  route: string;
  options: Record<string, string>;
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, cb?: () => void): void;
};

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string }[] };
  window?: Record<string, unknown>;
}

export interface LogicEvents {
  /** A page's data changed (after setData); the render layer redraws it. */
  onData(page: PageInstance): void;
}

const STACK_LIMIT = 10;

export function parseUrl(url: string, from = ''): { route: string; query: Record<string, string> } {
  const [p = '', q = ''] = url.split('?');
  let route = p.startsWith('/') ? p.slice(1) : path.posix.join(path.posix.dirname(from), p);
  route = route.replace(/^\.\//, '');
  const query: Record<string, string> = {};
  // WeChat hands the query to onLoad as written: values are not URI-decoded.
  for (const pair of q.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    query[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
  }
  return { route, query };
}

export class LogicLayer {
  readonly context: vm.Context;
  readonly appJson: AppJson;
  readonly stack: PageInstance[] = [];
  /** Tab pages loaded once, kept while another tab shows. */
  private readonly tabPages = new Map<string, PageInstance>();
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, PageConfig>();
  readonly componentDefs = new Map<string, ComponentDef>();
  private loading: string | undefined;
  private app: Record<string, unknown> | undefined;
  private nextWebviewId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Stops every timer the mini-program set (the phone is put away). */
  stopTimers(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  constructor(
    readonly distDir: string,
    readonly host: WxHost,
    private readonly events: LogicEvents,
  ) {
    this.appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson;
    const wx = createWx(host);
    // The mini-program's timers, kept so closing the phone stops them all.
    const timers = this.timers;
    const g: Record<string, unknown> = {
      wx,
      console,
      setTimeout: (fn: () => void, ms?: number, ...args: unknown[]) => {
        if (this.stopped) return undefined;
        const t = setTimeout(() => {
          timers.delete(t);
          fn(...(args as []));
        }, ms);
        timers.add(t);
        return t;
      },
      clearTimeout: (t: NodeJS.Timeout) => {
        timers.delete(t);
        clearTimeout(t);
      },
      setInterval: (fn: () => void, ms?: number, ...args: unknown[]) => {
        if (this.stopped) return undefined;
        const t = setInterval(() => fn(...(args as [])), ms);
        timers.add(t);
        return t;
      },
      clearInterval: (t: NodeJS.Timeout) => {
        timers.delete(t);
        clearInterval(t);
      },
      App: (config: Record<string, unknown>) => {
        if (this.app) throw new Error('App() called twice');
        this.app = config;
      },
      Page: (config: PageConfig) => {
        if (!this.loading) throw new Error('Page() outside a page script');
        this.pageConfigs.set(this.loading, config);
      },
      Component: (def: ComponentDef) => {
        if (!this.loading) throw new Error('Component() outside a component script');
        this.componentDefs.set(this.loading, def);
      },
      Behavior: (def: unknown) => def,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      requirePlugin: (name: string) => {
        throw new Error(`weapp-sim: requirePlugin('${name}') is not simulated`);
      },
    };
    this.context = vm.createContext(g);
  }

  /** Runs a package file as WeChat's module system does: once, with its own require. */
  require(file: string): unknown {
    const rel = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`);
    const cached = this.modules.get(rel);
    if (cached) return cached.exports;
    const full = path.join(this.distDir, rel);
    if (!fs.existsSync(full)) throw new Error(`weapp-sim: module ${rel} is not in the package`);
    const mod = { exports: {} as unknown };
    this.modules.set(rel, mod);
    const fn = vm.runInContext(
      `(function (require, module, exports) {${fs.readFileSync(full, 'utf8')}\n})`,
      this.context,
      { filename: full },
    ) as (r: (p: string) => unknown, m: { exports: unknown }, e: unknown) => void;
    const dir = path.posix.dirname(rel);
    fn((p) => this.require(p.startsWith('/') ? p.slice(1) : path.posix.join(dir, p)), mod, mod.exports);
    return mod.exports;
  }

  /** Loads a page's or component's script (once) with `Page()`/`Component()` attributed to it. */
  private load(route: string): void {
    const before = this.loading;
    this.loading = route;
    try {
      this.require(route);
    } finally {
      this.loading = before;
    }
  }

  componentDef(route: string): ComponentDef {
    if (!this.componentDefs.has(route)) this.load(route);
    const def = this.componentDefs.get(route);
    if (!def) throw new Error(`weapp-sim: ${route}.js called no Component()`);
    return def;
  }

  allPages(): string[] {
    return [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
    ];
  }

  isTab(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((t) => t.pagePath === route);
  }

  /** The app's launch: app.js, then onLaunch and onShow with the launch options. */
  launch(options: Record<string, unknown>): void {
    this.load('app');
    if (!this.app) throw new Error('weapp-sim: app.js called no App()');
    const app = this.app;
    (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, options);
    (app.onShow as ((o: unknown) => void) | undefined)?.call(app, options);
  }

  private instantiate(route: string, query: Record<string, string>): PageInstance {
    if (!this.allPages().includes(route)) throw new WxFail(`page "${route}" is not found`);
    if (!this.pageConfigs.has(route)) this.load(route);
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`weapp-sim: ${route}.js called no Page()`);
    const page = {} as PageInstance;
    for (const [k, v] of Object.entries(config)) if (k !== 'data') page[k] = v;
    Object.assign(page, {
      route,
      __route__: route,
      is: route,
      options: query,
      __wxWebviewId__: this.nextWebviewId++,
      data: cloneData(config.data ?? {}),
    });
    page.setData = (data: Record<string, unknown>, cb?: () => void) => {
      for (const [k, v] of Object.entries(data)) applyDataPath(page.data, k, cloneData(v));
      this.events.onData(page);
      if (cb) setTimeout(() => this.guard(() => cb.call(page)), 0);
    };
    return page;
  }

  /** Calls a page lifecycle method, if the page has it. */
  call(page: PageInstance, name: string, ...args: unknown[]): unknown {
    const fn = page[name];
    return typeof fn === 'function'
      ? this.guard(() => (fn as (...a: unknown[]) => unknown).apply(page, args))
      : undefined;
  }

  private guard<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.host.crash(e instanceof Error ? e : new Error(String(e)));
      return undefined;
    }
  }

  private open(route: string, query: Record<string, string>): PageInstance {
    const page = this.instantiate(route, query);
    this.stack.push(page);
    this.call(page, 'onLoad', query);
    this.call(page, 'onShow');
    this.call(page, 'onReady');
    return page;
  }

  private unload(page: PageInstance): void {
    this.call(page, 'onUnload');
    for (const [r, p] of this.tabPages) if (p === page) this.tabPages.delete(r);
  }

  top(): PageInstance | undefined {
    return this.stack[this.stack.length - 1];
  }

  navigateTo(url: string): void {
    const { route, query } = parseUrl(url, this.top()?.route);
    if (this.isTab(route)) throw new WxFail('can not navigateTo a tabbar page');
    if (this.stack.length >= STACK_LIMIT) throw new WxFail('webview count limit exceed');
    const below = this.top();
    if (below) this.call(below, 'onHide');
    this.open(route, query);
  }

  redirectTo(url: string): void {
    const { route, query } = parseUrl(url, this.top()?.route);
    if (this.isTab(route)) throw new WxFail('can not redirectTo a tabbar page');
    const top = this.stack.pop();
    if (top) this.unload(top);
    this.open(route, query);
  }

  navigateBack(delta: number): void {
    if (this.stack.length <= 1) throw new WxFail('cannot navigate back at first page.');
    const n = Math.min(Math.max(1, delta), this.stack.length - 1);
    for (let i = 0; i < n; i++) this.unload(this.stack.pop()!);
    this.call(this.top()!, 'onShow');
  }

  switchTab(url: string): void {
    const { route, query } = parseUrl(url, this.top()?.route);
    if (!this.isTab(route)) throw new WxFail('can not switch to no-tabBar page');
    if (Object.keys(query).length > 0) throw new WxFail(`switchTab url does not take a query: ${url}`);
    const top = this.top();
    if (top?.route === route && this.stack.length === 1) return;
    // Pages above the tab pages close; the tab being left hides and stays loaded.
    while (this.stack.length > 0 && !this.isTab(this.top()!.route)) this.unload(this.stack.pop()!);
    const leaving = this.stack.pop();
    if (leaving) this.call(leaving, 'onHide');
    this.stack.length = 0;
    const kept = this.tabPages.get(route);
    if (kept) {
      this.stack.push(kept);
      this.call(kept, 'onShow');
    } else {
      this.tabPages.set(route, this.open(route, {}));
    }
  }

  reLaunch(url: string): void {
    const { route, query } = parseUrl(url, this.top()?.route);
    while (this.stack.length > 0) this.unload(this.stack.pop()!);
    for (const p of this.tabPages.values()) this.unload(p);
    this.tabPages.clear();
    const page = this.open(route, query);
    if (this.isTab(route)) this.tabPages.set(route, page);
  }
}
