/**
 * A native custom component (`Component()`-based, like the in-store QR canvas) inside a page of the
 * render tree: its properties follow the attributes the page's template gives it, its observers run
 * when they change, its lifetimes run as WeChat runs them (created → attached → ready … detached),
 * `triggerEvent` reaches the handler its host element binds, and `createSelectorQuery` finds the
 * nodes of its own template (a `canvas type="2d"` answers with a Canvas 2D node).
 */
import { applyDataPath, cloneData } from './data-path';
import type { ComponentDef } from './logic';

export interface ComponentHost {
  /** Dispatches a component's event to the handler bound on its host element. */
  trigger(component: NativeComponent, name: string, detail: unknown): void;
  /** The component's template changed: render again. */
  changed(): void;
  query(component: NativeComponent): unknown;
  crash(e: Error): void;
}

function camel(attr: string): string {
  return attr.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export class NativeComponent {
  readonly instance: Record<string, unknown>;
  readonly propertyNames: string[];

  constructor(
    readonly route: string,
    readonly hostId: string,
    private readonly def: ComponentDef,
    private readonly host: ComponentHost,
  ) {
    const data: Record<string, unknown> = cloneData(def.data ?? {});
    this.propertyNames = Object.keys(def.properties ?? {});
    for (const [name, p] of Object.entries(def.properties ?? {})) {
      data[name] = p && typeof p === 'object' && 'value' in p ? cloneData((p as { value: unknown }).value) : null;
    }
    const inst: Record<string, unknown> = { is: route, id: hostId, data, properties: data };
    for (const [k, fn] of Object.entries(def.methods ?? {})) inst[k] = fn;
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      for (const [k, v] of Object.entries(patch)) applyDataPath(data, k, cloneData(v));
      this.observe(Object.keys(patch));
      this.host.changed();
      if (cb) setTimeout(() => this.guard(() => cb.call(inst)), 0);
    };
    inst.triggerEvent = (name: string, detail: unknown) => this.host.trigger(this, name, detail);
    inst.createSelectorQuery = () => this.host.query(this);
    this.instance = inst;
    this.lifetime('created');
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.host.crash(e instanceof Error ? e : new Error(String(e)));
    }
  }

  lifetime(name: string): void {
    const fn = this.def.lifetimes?.[name] ?? (this.def[name] as (() => void) | undefined);
    if (typeof fn === 'function') this.guard(() => fn.call(this.instance));
  }

  /** The host element's attributes as properties; observers of those that changed run. */
  setProperties(attr: Record<string, unknown>): void {
    const data = this.instance.data as Record<string, unknown>;
    const changed: string[] = [];
    for (const [k, v] of Object.entries(attr)) {
      const name = camel(k);
      if (!this.propertyNames.includes(name)) continue;
      if (JSON.stringify(data[name]) === JSON.stringify(v)) continue;
      data[name] = cloneData(v);
      changed.push(name);
    }
    if (changed.length > 0) this.observe(changed);
  }

  private observe(fields: string[]): void {
    const data = this.instance.data as Record<string, unknown>;
    for (const [spec, fn] of Object.entries(this.def.observers ?? {})) {
      const watched = spec.split(',').map((s) => s.trim());
      if (watched.some((w) => fields.includes(w.split('.')[0]!) || w === '**')) {
        this.guard(() =>
          fn.apply(
            this.instance,
            watched.map((w) => data[w]),
          ),
        );
      }
    }
  }
}
