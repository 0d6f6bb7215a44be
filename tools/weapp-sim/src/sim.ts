/**
 * The simulator: the logic layer (logic.ts) running the build against the local cloud as one demo
 * user, the render layer's virtual tree (render.ts) of the page on top, and a driver for tests —
 * open a page with a query, tap by text, type, wait for text, read toasts and the page stack.
 * Events go back through the handler the template binds (Taro's `eh`) with WeChat's event object.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SimCanvas } from './canvas';
import { LogicLayer, parseUrl, type PageInstance } from './logic';
import { NativeComponent } from './native-component';
import { SimNetwork, type NetworkType } from './network';
import {
  compileStyles,
  compileTemplates,
  datasetOf,
  isElement,
  textOf,
  type CompiledStyles,
  type Gwx,
  type VElement,
  type VNode,
} from './render';
import { WxFail, type Modal, type ShareMenu, type SimAnswers, type Toast, type WxHost } from './wx-api';

export interface SimOptions {
  /** The weapp build: dist/weapp (gateway) or a build with TARO_APP_CLOUD_ENV (cloud.callFunction). */
  distDir: string;
  /** The local cloud's gateway, e.g. http://127.0.0.1:8787. */
  cloudUrl: string;
  /** The demo user the phone belongs to (alice, bob, carol, dave). */
  user: string;
  answers?: SimAnswers;
  /** The gateway address built into the app (TARO_APP_GATEWAY_URL), rewritten to cloudUrl. */
  builtGateway?: string;
}

interface Session {
  token: string;
  expiresAt: number;
  user: { user: string; openId: string; nickname: string; role: string };
}

/** A share card as it went into a chat: what onShareAppMessage gave, with the share menu's declarations. */
export interface SentCard {
  title: string;
  path: string;
  imageUrl?: string;
  /** wx.updateShareMenu's activity id (a private or updatable message), which WeChat keeps with the card. */
  activityId?: string;
  isPrivate: boolean;
  withShareTicket: boolean;
  /** The chat it was sent into; `group` for a group chat. */
  chat: string;
  group: boolean;
}

/** How the app was entered: WeChat's scene and, from a chat card, the card's share ticket. */
interface Entry {
  scene: number;
  shareTicket?: string;
  /** What the ticket stands for: the card's activity, opened from `chat`. */
  opened?: { activityId?: string; chat: string };
}

/** Scenes (场景值): 1001 the 发现栏 list, 1007 a card in a person's chat, 1008 a card in a group chat. */
const SCENE = { list: 1001, singleChat: 1007, groupChat: 1008 } as const;

/** The parts of a page's or component's `.json` the simulator reads. */
interface PageJson {
  navigationBarTitleText?: string;
  usingComponents?: Record<string, string>;
}

/** Where a rendered element came from: whose handlers its `bind*` names, its parent. */
interface Placed {
  owner: Record<string, unknown>;
  parent: VElement | undefined;
}

export class WeappSim implements WxHost {
  readonly toasts: Toast[] = [];
  readonly modals: Modal[] = [];
  readonly clipboard: string[] = [];
  readonly calls: { api: string; args: unknown }[] = [];
  readonly errors: Error[] = [];
  storage = new Map<string, string>();
  readonly network = new SimNetwork();
  readonly tempFiles = new Map<string, ArrayBuffer>();
  answers: SimAnswers;
  readonly logic: LogicLayer;
  private readonly gwx: Gwx;
  private readonly components = new Map<string, NativeComponent>();
  private readonly canvases = new Map<string, SimCanvas>();
  private placed = new WeakMap<VElement, Placed>();
  private tree: VElement | undefined;
  private dirty = true;
  private scheduled = false;
  private launchQuery: Record<string, unknown> = {};
  private opened: Entry['opened'];
  private readonly shareMenus = new WeakMap<PageInstance, ShareMenu>();

  private constructor(
    readonly options: SimOptions,
    readonly session: Session,
  ) {
    this.answers = options.answers ?? {};
    this.gwx = compileTemplates(options.distDir);
    this.logic = new LogicLayer(options.distDir, this, { onData: () => this.invalidate() });
  }

  /** Signs the demo user in (as WeChat knows its user), then starts the app on `route`. */
  static async launch(
    options: SimOptions,
    route = 'pages/home/index',
    query: Record<string, string> = {},
    entry: Entry = { scene: SCENE.list },
  ) {
    const res = await fetch(`${options.cloudUrl}/api/dev/login`, {
      method: 'POST',
      body: JSON.stringify({ user: options.user }),
    });
    if (!res.ok) throw new Error(`weapp-sim: no demo user ${options.user}: ${res.status}`);
    const session = (await res.json()) as Session;
    const sim = new WeappSim(options, session);
    // Without a cloud env the app keeps the gateway's session in storage: the user is signed in.
    sim.storage.set('gcc.session', JSON.stringify(session));
    sim.launchQuery = { path: route, query, scene: entry.scene };
    if (entry.shareTicket) sim.launchQuery.shareTicket = entry.shareTicket;
    sim.opened = entry.opened;
    sim.logic.launch(sim.launchQuery);
    sim.logic.reLaunch(`/${route}${queryString(query)}`);
    sim.invalidate();
    await sim.settle();
    return sim;
  }

  /**
   * The phone of `options.user` opens `card` from a chat: the one it was sent into by default, another
   * one when someone forwarded it there. Scene 1007 from a person's chat, 1008 from a group; a share
   * ticket always for a private message (WeChat gives one in single and group chats), for others only
   * in a group when the sender asked for it (withShareTicket).
   */
  static async openCard(options: SimOptions, card: SentCard, from = { chat: card.chat, group: card.group }) {
    const { route, query } = parseUrl(card.path);
    const ticketed = card.isPrivate || (from.group && card.withShareTicket);
    return WeappSim.launch(options, route, query, {
      scene: from.group ? SCENE.groupChat : SCENE.singleChat,
      ...(ticketed && {
        shareTicket: randomBytes(16).toString('hex'),
        opened: { activityId: card.activityId, chat: from.chat },
      }),
    });
  }

  // ── WxHost: what wx needs from the simulator ──

  launchOptions(): Record<string, unknown> {
    return { ...this.launchQuery, referrerInfo: {} };
  }

  updateShareMenu(menu: ShareMenu): void {
    const top = this.logic.top();
    if (top) this.shareMenus.set(top, { ...this.shareMenus.get(top), ...menu });
  }

  /** WeChat verifies the opened card's chat and answers a cloud id only the cloud can resolve. */
  async authPrivateMessage(shareTicket: string): Promise<{ valid: boolean; cloudID: string }> {
    const opened = shareTicket === this.launchQuery.shareTicket ? this.opened : undefined;
    if (!opened?.activityId) throw new WxFail('invalid shareTicket');
    return (await this.wechatChat('auth', { activityId: opened.activityId, chatId: opened.chat })) as {
      valid: boolean;
      cloudID: string;
    };
  }

  /** The WeChat client's side of chat cards, which the local cloud keeps (POST /api/dev/chat/*). */
  private async wechatChat(action: 'share' | 'auth', body: { activityId: string; chatId: string }) {
    const res = await fetch(`${this.options.cloudUrl}/api/dev/chat/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.session.token}` },
      body: JSON.stringify(body),
    });
    if (!res.ok)
      throw new Error(`weapp-sim: chat ${action}: the local cloud answered ${res.status} ${await res.text()}`);
    return (await res.json()) as unknown;
  }

  crash(error: Error): void {
    this.errors.push(error);
  }

  async navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void> {
    this.logic[kind](url);
    this.invalidate();
  }

  async navigateBack(delta: number): Promise<void> {
    this.logic.navigateBack(delta);
    this.invalidate();
  }

  private readonly titles = new WeakMap<PageInstance, string>();

  setTitle(title: string): void {
    const top = this.logic.top();
    if (top) this.titles.set(top, title);
  }

  /** The navigation bar's title: set by the page, else its page.json, else app.json's window. */
  navigationTitle(): string {
    const top = this.logic.top();
    if (!top) return '';
    const set = this.titles.get(top);
    if (set !== undefined) return set;
    return String(
      this.pageJson(top.route).navigationBarTitleText ?? this.logic.appJson.window?.navigationBarTitleText ?? '',
    );
  }

  private readonly pageJsons = new Map<string, PageJson>();

  /** A page's or component's `.json` (read once: every render asks it of each element). */
  private pageJson(route: string): PageJson {
    let json = this.pageJsons.get(route);
    if (!json) {
      const file = path.join(this.options.distDir, `${route}.json`);
      json = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PageJson) : {};
      this.pageJsons.set(route, json);
    }
    return json;
  }

  stopPullDownRefresh(): void {
    this.calls.push({ api: 'stopPullDownRefresh', args: {} });
  }

  async request(o: { url: string; method: string; data: unknown; header: Record<string, string> }) {
    const built = this.options.builtGateway ?? 'http://127.0.0.1:8787';
    const url = o.url.startsWith(built) ? this.options.cloudUrl + o.url.slice(built.length) : o.url;
    if (!url.startsWith(this.options.cloudUrl))
      throw new Error(`weapp-sim: request to ${o.url} leaves the local cloud`);
    const body =
      o.method === 'GET' || o.data === undefined
        ? undefined
        : typeof o.data === 'string'
          ? o.data
          : JSON.stringify(o.data);
    const res = await fetch(url, { method: o.method, headers: o.header, body });
    const text = await res.text();
    const header: Record<string, string> = {};
    res.headers.forEach((v, k) => (header[k] = v));
    return { statusCode: res.status, data: text, header };
  }

  /** cloud.callFunction: the function runs with this user's OPENID and SOURCE wx_client. */
  async callFunction(name: string, data: unknown): Promise<unknown> {
    const res = await fetch(`${this.options.cloudUrl}/api/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.session.token}` },
      body: JSON.stringify(data),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message?: string } };
    if (res.status !== 200) throw new Error(`cloud.callFunction ${name}: ${res.status} ${body.error?.message ?? ''}`);
    return body.result;
  }

  /** WeChat Pay's sheet: the local cloud's simulated WeChat Pay takes the payment by its prepay id. */
  async requestPayment(payment: Record<string, unknown>): Promise<void> {
    const prepayId = String(payment.package).replace(/^prepay_id=/, '');
    const res = await fetch(`${this.options.cloudUrl}/api/pay/local/${prepayId}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.session.token}` },
    });
    if (!res.ok) throw new Error(`requestPayment: the simulated WeChat Pay answered ${res.status} ${await res.text()}`);
  }

  /** The subscribe dialog's answer, recorded where the local cloud's openapi reads it. */
  async recordSubscribe(accepted: string[], rejected: string[]): Promise<void> {
    const res = await fetch(`${this.options.cloudUrl}/api/dev/subscribe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.session.token}` },
      body: JSON.stringify({ accepted, rejected }),
    });
    if (!res.ok) throw new Error(`requestSubscribeMessage: the local cloud answered ${res.status}`);
  }

  selectorQuery(scope: unknown): unknown {
    const results: unknown[] = [];
    const pending: (() => unknown)[] = [];
    const component = scope instanceof NativeComponent ? scope : undefined;
    const query = {
      select: (selector: string) => {
        const node = {
          fields: (f: { node?: boolean; size?: boolean }) => {
            pending.push(() => this.queryNode(component, selector, f));
            return query;
          },
          node: () => {
            pending.push(() => this.queryNode(component, selector, { node: true }));
            return query;
          },
          boundingClientRect: () => {
            pending.push(() => this.queryNode(component, selector, { size: true }));
            return query;
          },
        };
        return node;
      },
      exec: (cb?: (res: unknown[]) => void) => {
        setTimeout(() => {
          this.render();
          for (const p of pending) results.push(p());
          cb?.(results);
        }, 0);
      },
    };
    return query;
  }

  private queryNode(component: NativeComponent | undefined, selector: string, f: { node?: boolean; size?: boolean }) {
    if (!selector.startsWith('#')) throw new Error(`weapp-sim: selector ${selector} (only #id is simulated)`);
    const id = selector.slice(1);
    const root = component ? this.componentRoots.get(component) : this.tree;
    const found = root && find(root, (e) => e.attr.id === id);
    if (!found) return null;
    const out: Record<string, unknown> = { id };
    if (f.size) Object.assign(out, { width: 0, height: 0, left: 0, top: 0 });
    if (f.node && found.tag === 'wx-canvas') out.node = this.canvasFor(`${component?.hostId ?? 'page'}#${id}`);
    return out;
  }

  /** The Canvas 2D nodes the page's native components have asked for, by `<host id>#<canvas id>`. */
  get canvasNodes(): ReadonlyMap<string, SimCanvas> {
    return this.canvases;
  }

  canvasFor(key: string): SimCanvas {
    let c = this.canvases.get(key);
    if (!c) {
      c = new SimCanvas();
      this.canvases.set(key, c);
    }
    return c;
  }

  private componentRoots = new Map<NativeComponent, VElement>();
  private compiledStyles: CompiledStyles | undefined;

  /** `wcsc`'s style code for the build (compiled on first use: only a view needs it). */
  styles(): CompiledStyles {
    this.compiledStyles ??= compileStyles(this.options.distDir);
    return this.compiledStyles;
  }

  /** Whether the element hosts a native component (its template's nodes are keyed by its id). */
  isComponentHost(e: VElement): boolean {
    return [...this.componentRoots.values()].includes(e);
  }

  /** The native components on the page on top. */
  componentRoutes(): string[] {
    return [...new Set([...this.components.values()].map((c) => c.route))];
  }

  /** The element at a tree path (`r.0.3`) of the last render, as the view labels them. */
  elementAt(pathKey: string): VElement {
    let at: VNode = this.render();
    for (const i of pathKey.split('.').slice(1)) {
      const next: VNode | undefined = isElement(at) ? at.children[Number(i)] : undefined;
      if (!next) throw new Error(`weapp-sim: no element at ${pathKey}`);
      at = next;
    }
    if (!isElement(at)) throw new Error(`weapp-sim: ${pathKey} is text`);
    return at;
  }

  // ── Render ──

  /**
   * The page's data or stack changed: the render layer draws it on the next turn, as WeChat's does
   * after setData, so native components are created, attached and ready without anyone looking.
   */
  private invalidate(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (!this.logic.top()) return;
      try {
        this.render();
      } catch (e) {
        this.crash(e instanceof Error ? e : new Error(String(e)));
      }
    }, 0);
  }

  page(): PageInstance {
    const top = this.logic.top();
    if (!top) throw new Error('weapp-sim: no page is open');
    return top;
  }

  /** The render layer's tree of the page on top, native components' templates inside. */
  render(): VElement {
    if (!this.dirty && this.tree) return this.tree;
    this.dirty = false;
    const page = this.page();
    const tmpl = this.gwx(`${page.route}.wxml`);
    if (!tmpl) throw new Error(`weapp-sim: no template for ${page.route}`);
    this.placed = new WeakMap();
    const tree = tmpl(page.data, {}, {});
    const seen = new Set<string>();
    this.expand(tree, page, undefined, page.route, seen);
    for (const [id, c] of this.components) {
      if (!seen.has(id)) {
        c.lifetime('detached');
        this.components.delete(id);
        this.componentRoots.delete(c);
        // Its canvas nodes went with it: a later drawing is another component's, on a node of its own.
        for (const key of [...this.canvases.keys()]) if (key.startsWith(`${c.hostId}#`)) this.canvases.delete(key);
      }
    }
    this.tree = tree;
    return tree;
  }

  private expand(
    e: VElement,
    owner: Record<string, unknown>,
    parent: VElement | undefined,
    route: string,
    seen: Set<string>,
  ) {
    this.placed.set(e, { owner, parent });
    // The compiler leaves `attr` off the page root and virtual blocks.
    e.attr ??= {};
    const name = e.tag.replace(/^wx-/, '');
    const using = this.pageJson(route).usingComponents?.[name];
    if (using) {
      const compRoute = path.posix.join(path.posix.dirname(route), using);
      const tmpl = this.gwx(`${compRoute}.wxml`);
      if (!tmpl) throw new Error(`weapp-sim: no template for component ${compRoute}`);
      if (name === 'comp') {
        // Taro's recursive `comp` renders its slice of the page's tree with the page's handler.
        const sub = tmpl({ i: e.attr.i, l: e.attr.l }, {}, {});
        e.children = sub.children;
      } else {
        const id = `${String(e.attr.id)}@${compRoute}`;
        seen.add(id);
        let c = this.components.get(id);
        const isNew = !c;
        if (!c) {
          c = new NativeComponent(compRoute, String(e.attr.id), this.logic.componentDef(compRoute), {
            trigger: (comp, evt, detail) => this.trigger(comp, evt, detail),
            changed: () => this.invalidate(),
            query: (comp) => this.selectorQuery(comp),
            crash: (err) => this.crash(err),
          });
          this.components.set(id, c);
        }
        c.setProperties(e.attr);
        const sub = tmpl(c.instance.data, {}, {});
        e.children = sub.children;
        this.componentRoots.set(c, e);
        for (const child of e.children) if (isElement(child)) this.expand(child, c.instance, e, compRoute, seen);
        if (isNew) {
          const made = c;
          made.lifetime('attached');
          setTimeout(() => made.lifetime('ready'), 0);
        }
        return;
      }
    }
    for (const child of e.children) if (isElement(child)) this.expand(child, owner, e, route, seen);
  }

  private trigger(comp: NativeComponent, name: string, detail: unknown): void {
    const host = this.tree && find(this.tree, (e) => e.attr.id === comp.hostId && this.componentRoots.get(comp) === e);
    if (!host) return;
    this.dispatch(host, name, detail, false);
  }

  /**
   * WeChat's event flow: from the target up through its ancestors, each `bind<type>` handler called
   * with currentTarget set to its element, until a `catch<type>`. Custom events do not bubble.
   */
  dispatch(target: VElement, type: string, detail: unknown, bubbles = true): void {
    const targetInfo = { id: String(target.attr.id ?? ''), dataset: datasetOf(target), offsetLeft: 0, offsetTop: 0 };
    let at: VElement | undefined = target;
    while (at) {
      const handler = (at.attr[`bind${type}`] ?? at.attr[`catch${type}`]) as string | undefined;
      const placed = this.placed.get(at);
      if (handler && placed) {
        const event = {
          type,
          timeStamp: Date.now(),
          target: targetInfo,
          currentTarget: { id: String(at.attr.id ?? ''), dataset: datasetOf(at), offsetLeft: 0, offsetTop: 0 },
          detail,
          touches: [],
          changedTouches: [],
          mark: {},
          mut: false,
        };
        const fn = placed.owner[handler];
        if (typeof fn !== 'function') throw new Error(`weapp-sim: handler ${handler} is not a method of its owner`);
        try {
          (fn as (e: unknown) => void).call(placed.owner, event);
        } catch (e) {
          this.crash(e instanceof Error ? e : new Error(String(e)));
        }
        if (at.attr[`catch${type}`]) break;
      }
      if (!bubbles) break;
      at = placed?.parent;
    }
    this.invalidate();
  }

  // ── Driver ──

  /** Lets timers, network answers and setData callbacks run; throws the first simulator error. */
  async settle(ms = 30): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    this.throwErrors();
  }

  throwErrors(): void {
    if (this.errors.length > 0) {
      const e = this.errors[0]!;
      throw new Error(`weapp-sim: the mini-program failed: ${e.stack ?? e.message}`);
    }
  }

  text(): string {
    return textOf(this.render());
  }

  stackRoutes(): string[] {
    return this.logic.stack.map((p) => p.route);
  }

  /**
   * Every wait of the driver: asks `probe` every 25 ms until it answers something, failing at once on
   * a simulator error and after `timeoutMs` with `failure()`'s message (what the page shows instead).
   */
  async poll<T>(probe: () => T | undefined, failure: () => string, timeoutMs = 8000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.throwErrors();
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`weapp-sim: ${failure()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits until the page on top shows `text` (or matches it), or fails with what it shows. */
  async waitForText(text: string | RegExp, timeoutMs = 8000): Promise<void> {
    const shows = (shown: string) => (typeof text === 'string' ? shown.includes(text) : text.test(shown));
    await this.poll(
      () => (shows(this.text()) ? true : undefined),
      () => `"${String(text)}" not shown on ${this.page().route}; it shows: ${this.text().slice(0, 600)}`,
      timeoutMs,
    );
  }

  async waitForRoute(route: string, timeoutMs = 8000): Promise<void> {
    await this.poll(
      () => (this.logic.top()?.route === route ? true : undefined),
      () => `still on ${this.stackRoutes().join(' > ')}, not ${route}`,
      timeoutMs,
    );
  }

  /**
   * The innermost element whose text contains `text` (the one a finger lands on); `nth` picks among
   * several in document order, from the end when negative (a sheet over the page comes last).
   */
  findByText(text: string, nth = 0): VElement {
    const matches: VElement[] = [];
    const walk = (e: VElement) => {
      if (!textOf(e).includes(text)) return;
      const inner = e.children.filter(isElement).filter((c) => textOf(c).includes(text));
      if (inner.length === 0) matches.push(e);
      inner.forEach(walk);
    };
    walk(this.render());
    const found = matches[nth < 0 ? matches.length + nth : nth];
    if (!found) throw new Error(`weapp-sim: no "${text}" (#${nth}) on ${this.page().route}`);
    return found;
  }

  async tap(text: string, nth = 0): Promise<void> {
    await this.waitForText(text);
    await this.tapElement(this.findByText(text, nth));
  }

  async tapElement(e: VElement): Promise<void> {
    this.dispatch(e, 'tap', { x: 0, y: 0 });
    this.openTypeOf(e);
    await this.settle();
  }

  /**
   * What WeChat does after a tap on a `<button open-type>`: for chooseAvatar, its avatar sheet (the
   * picture from `answers.chooseAvatar`, kept as a temp file) and then the button's chooseavatar event.
   */
  private openTypeOf(e: VElement): void {
    let at: VElement | undefined = e;
    while (at && at.tag !== 'wx-button') at = this.placed.get(at)?.parent;
    if (!at || at.attr.openType !== 'chooseAvatar') return;
    const picked = this.answers.chooseAvatar?.();
    if (!picked) return;
    const avatarUrl = `wxfile://tmp/avatar-${this.tempFiles.size + 1}.jpeg`;
    this.tempFiles.set(avatarUrl, picked.slice().buffer);
    this.calls.push({ api: 'chooseAvatar', args: { avatarUrl } });
    this.dispatch(at, 'chooseavatar', { avatarUrl }, false);
  }

  /** Waits for an element of the page on top (as a finger waits for the page to show it). */
  waitFor(predicate: (e: VElement) => boolean, what: string, timeoutMs = 8000): Promise<VElement> {
    return this.poll(
      () => find(this.render(), predicate),
      () => `no ${what} on ${this.page().route}: ${this.text().slice(0, 400)}`,
      timeoutMs,
    );
  }

  /** Waits until a native component has drawn on a Canvas 2D node; returns that canvas. */
  waitForDrawing(timeoutMs = 8000): Promise<SimCanvas> {
    return this.poll(
      () => [...this.canvases.values()].find((c) => c.ops.length > 0),
      () => `nothing drawn on a canvas of ${this.page().route}`,
      timeoutMs,
    );
  }

  /** The input or textarea showing `placeholder`. */
  field(placeholder: string): Promise<VElement> {
    return this.waitFor(
      (e) =>
        (e.tag === 'wx-input' || e.tag === 'wx-textarea') && String(e.attr.placeholder ?? '').includes(placeholder),
      `field "${placeholder}"`,
    );
  }

  /** Types into an input or textarea: one input event with the whole value, as a paste does. */
  async type(field: VElement, value: string): Promise<void> {
    this.dispatch(field, 'focus', { value: '', height: 0 });
    this.dispatch(field, 'input', { value, cursor: value.length, keyCode: 0 });
    this.dispatch(field, 'blur', { value });
    await this.settle();
  }

  /**
   * The phone's network changes (`none`: a basement with no signal): wx.getNetworkType answers it,
   * the app's wx.onNetworkStatusChange listeners hear it, and with none, cloud calls and requests fail
   * as WeChat fails them (network.ts).
   */
  async setNetwork(type: NetworkType): Promise<void> {
    this.network.set(type, (e) => this.crash(e instanceof Error ? e : new Error(String(e))));
    await this.settle();
  }

  /** Puts the phone away: the mini-program's timers stop (a pay code refreshing, a countdown). */
  close(): void {
    this.logic.stopTimers();
  }

  /** The navigation bar's back button. */
  async navigateBackAndSettle(delta = 1): Promise<void> {
    this.logic.navigateBack(delta);
    this.invalidate();
    await this.settle();
  }

  /** The page's share card (onShareAppMessage), as the share menu asks for it. */
  share(from: 'menu' | 'button' = 'menu'): Record<string, unknown> {
    return this.logic.call(this.page(), 'onShareAppMessage', { from }) as Record<string, unknown>;
  }

  /**
   * The sender shares the page's card into `to.chat` (a group's with `to.group`) once `ready` holds:
   * the card's title, path and image with what the share menu declared, and WeChat records which chat
   * the card's activity went into.
   */
  async sendCard(to: { chat: string; group?: boolean }, ready: (card: SentCard) => boolean = () => true) {
    const cardNow = (): SentCard => {
      const shared = this.share('button');
      const menu = this.shareMenus.get(this.page()) ?? {};
      return {
        title: String(shared.title ?? ''),
        path: String(shared.path ?? ''),
        ...(shared.imageUrl !== undefined && { imageUrl: String(shared.imageUrl) }),
        ...(menu.activityId !== undefined && { activityId: menu.activityId }),
        isPrivate: menu.isPrivateMessage === true,
        withShareTicket: menu.withShareTicket === true,
        chat: to.chat,
        group: to.group === true,
      };
    };
    const card = await this.poll(
      () => {
        const c = cardNow();
        return ready(c) ? c : undefined;
      },
      () => `the share card is not ready: ${JSON.stringify(cardNow())}`,
    );
    if (card.activityId) await this.wechatChat('share', { activityId: card.activityId, chatId: to.chat });
    return card;
  }
}

function find(root: VElement, predicate: (e: VElement) => boolean): VElement | undefined {
  if (predicate(root)) return root;
  for (const c of root.children) {
    if (!isElement(c)) continue;
    const f = find(c, predicate);
    if (f) return f;
  }
  return undefined;
}

function queryString(query: Record<string, string>): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return q ? `?${q}` : '';
}
