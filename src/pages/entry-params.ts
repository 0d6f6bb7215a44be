/**
 * What a page that people reach by scanning was opened with. Three doors lead in: the page's own
 * query (a share card, a link inside the app), a 小程序码 (`options.scene`, URL-encoded by WeChat),
 * and an ordinary QR code of a link, opened through the 扫普通链接二维码 rule (`q`: the whole URL,
 * URL-encoded; the link's own query is not passed on: shared/platform.md).
 */

export type Entry = { kind: 'query'; value: string } | { kind: 'scene'; value: string } | null;

function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * `key` of a scanned link's query, or undefined. Parsed by hand: the mini-program's JS engine has
 * no global URL.
 */
function fromScannedLink(q: string, key: string): string | undefined {
  const url = decode(q);
  if (!/^https?:\/\//.test(url)) return undefined;
  const query = url.split('#')[0]!.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const [k = '', v = ''] = pair.split('=');
    if (decode(k) === key && v !== '') return decode(v.replace(/\+/g, ' '));
  }
  return undefined;
}

/**
 * The value the page is opened for: its own `key` (or the same key of a scanned link), or the
 * 小程序码's scene — which the caller either uses as is or resolves (a gift's scene stands for its token).
 */
export function entryOf(params: Readonly<Record<string, string | undefined>>, key: string): Entry {
  const own = params[key];
  if (own) return { kind: 'query', value: decode(own) };
  if (params.scene) return { kind: 'scene', value: decode(params.scene) };
  const linked = params.q ? fromScannedLink(params.q, key) : undefined;
  if (linked) return { kind: 'query', value: linked };
  return null;
}
