/**
 * setData's key paths as the WeChat base library reads them: `a.b[0].c`, and Taro's `root.cn.[0]`
 * spelling of an index. Applying one writes the value at that path, creating objects and arrays on
 * the way, as the render layer does with the data the logic layer sends.
 */
export type DataPathSegment = string | number;

export function parseDataPath(path: string): DataPathSegment[] {
  const segments: DataPathSegment[] = [];
  const re = /\[(\d+)\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) segments.push(Number(m[1]));
    else if (m[2] !== undefined) segments.push(m[2]);
  }
  if (segments.length === 0) throw new Error(`setData: empty data path "${path}"`);
  return segments;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/** Writes `value` at `path` in `data` (in place). */
export function applyDataPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const segments = parseDataPath(path);
  let at: Container = data;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i]!;
    const next: unknown = (at as Record<string | number, unknown>)[key];
    if (isContainer(next)) {
      at = next;
    } else {
      const made: Container = typeof segments[i + 1] === 'number' ? [] : {};
      (at as Record<string | number, unknown>)[key] = made;
      at = made;
    }
  }
  (at as Record<string | number, unknown>)[segments[segments.length - 1]!] = value;
}

/** setData's payload is copied, as it crosses from the logic layer to the render layer as JSON. */
export function cloneData<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
