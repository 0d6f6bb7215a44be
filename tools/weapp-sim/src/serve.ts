/**
 * `npm run sim`: the simulator for a person. Starts the local cloud (or uses SIM_CLOUD_URL), runs
 * the mini-program build with a cloud env (dist/weapp-cloud, built when missing) for each demo user
 * who picks it up, and serves a phone frame at http://127.0.0.1:8790/ (SIM_PORT): the navigation bar
 * with its title and back button, the page drawn by the render layer (view.ts), the tab bar of
 * app.json, a switcher for the demo user, the last toast and modal, and what the next wx.scanCode
 * reads. Clicks and typing go back to the page as WeChat events.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startLocalCloud } from '../../../cloudfunctions/local';
import { DEMO_USERS } from '../../../cloudfunctions/local/gateway/demo-users';
import { WeappSim } from './sim';
import { pageDocument } from './view';
import { ACCEPT_SUBSCRIPTIONS } from './wx-api';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist', 'weapp-cloud');

/** Runs inside the page's frame: clicks and typing on elements with handlers go to the server. */
const FRAME_CLIENT = `<script>
const post = (what, body) =>
  fetch('/api/sim/' + what, { method: 'POST', body: JSON.stringify(body) }).then(() => window.parent.refresh());
const pathOf = (el) => el && el.closest('[data-sim-path]') ? el.closest('[data-sim-path]').dataset.simPath : undefined;
document.addEventListener('click', (e) => {
  if (e.target.closest('input, textarea')) return;
  const p = pathOf(e.target);
  if (p) post('tap', { path: p });
});
document.addEventListener('change', (e) => {
  const p = pathOf(e.target);
  if (p) post('input', { path: p, value: e.target.value });
});
document.addEventListener('keydown', (e) => {
  const p = pathOf(e.target);
  if (p && e.key === 'Enter' && e.target.tagName === 'INPUT') post('confirm', { path: p, value: e.target.value });
});
</script>`;

const SHELL = (tabs: { pagePath: string; text: string }[]) => `<!doctype html><html><head><meta charset="utf-8">
<title>礼品卡中心 · 小程序模拟器</title>
<style>
body { margin: 0; background: #2b2d31; font-family: -apple-system, "PingFang SC", "WenQuanYi Zen Hei", sans-serif;
  display: flex; gap: 24px; justify-content: center; padding: 24px; }
.phone { width: 375px; height: 812px; background: #fff; border-radius: 44px; overflow: hidden; display: flex;
  flex-direction: column; box-shadow: 0 0 0 12px #111, 0 20px 60px rgba(0,0,0,.5); position: relative; }
.status { height: 44px; flex: none; }
.nav { height: 44px; flex: none; display: flex; align-items: center; justify-content: center; position: relative;
  font-size: 17px; font-weight: 600; border-bottom: 1px solid #eee; }
.nav button { position: absolute; left: 8px; border: 0; background: none; font-size: 22px; cursor: pointer; }
iframe { flex: 1; border: 0; width: 375px; }
.tabs { height: 50px; flex: none; display: flex; border-top: 1px solid #eee; }
.tabs button { flex: 1; border: 0; background: #fff; color: #8a8f99; font-size: 12px; cursor: pointer; }
.tabs button.on { color: #e8483a; }
.toast { position: absolute; top: 45%; left: 50%; transform: translateX(-50%); background: rgba(0,0,0,.75);
  color: #fff; padding: 10px 16px; border-radius: 8px; font-size: 14px; display: none; max-width: 260px; text-align: center; }
.panel { color: #ddd; width: 260px; font-size: 13px; line-height: 1.6; }
.panel select, .panel input { width: 100%; margin: 4px 0 12px; font-size: 13px; }
.panel code { color: #9cdcfe; word-break: break-all; }
</style></head><body>
<div class="phone">
  <div class="status"></div>
  <div class="nav"><button id="back" title="返回">‹</button><span id="title"></span></div>
  <iframe id="screen"></iframe>
  <div class="tabs" id="tabs">${tabs.map((t) => `<button data-tab="${t.pagePath}">${t.text}</button>`).join('')}</div>
  <div class="toast" id="toast"></div>
</div>
<div class="panel">
  <div>演示用户</div>
  <select id="user">${DEMO_USERS.map((u) => `<option value="${u.user}">${u.user} · ${u.nickname}（${u.role}）</option>`).join('')}</select>
  <div>下一次扫码读到（wx.scanCode）</div>
  <input id="scan" placeholder="付款码内容，留空则取消扫码">
  <div>页面栈</div><div><code id="stack"></code></div>
  <div>最近的弹窗（wx.showModal，已确定）</div><div><code id="modal"></code></div>
  <div>小程序报错</div><div><code id="errors"></code></div>
</div>
<script>
let shown = '';
const $ = (id) => document.getElementById(id);
async function post(what, body) { await fetch('/api/sim/' + what, { method: 'POST', body: JSON.stringify(body) }); refresh(); }
async function refresh() {
  const user = $('user').value;
  const s = await (await fetch('/api/sim/state?user=' + user + '&shown=' + shown)).json();
  $('title').textContent = s.title;
  $('back').style.visibility = s.stack.length > 1 ? 'visible' : 'hidden';
  $('tabs').style.display = s.isTab ? 'flex' : 'none';
  for (const b of $('tabs').children) b.classList.toggle('on', b.dataset.tab === s.stack[s.stack.length - 1]);
  $('stack').textContent = s.stack.join(' › ');
  $('modal').textContent = s.modal || '—';
  if (s.errors && s.errors.length) $('errors').textContent = s.errors.join(' · ');
  if (s.toast) { $('toast').textContent = s.toast; $('toast').style.display = 'block'; setTimeout(() => ($('toast').style.display = 'none'), 1500); }
  if (s.doc) { shown = s.hash; $('screen').srcdoc = s.doc; }
}
window.refresh = refresh;
$('back').onclick = () => post('back', { user: $('user').value });
$('user').onchange = () => { shown = ''; refresh(); };
$('scan').onchange = () => post('scan', { user: $('user').value, result: $('scan').value });
for (const b of $('tabs').children) b.onclick = () => post('tab', { user: $('user').value, url: '/' + b.dataset.tab });
setInterval(refresh, 400);
refresh();
</script></body></html>`;

export interface SimServer {
  url: string;
  close(): Promise<void>;
}

/** The phone frame's server for the build in `distDir`, against the local cloud at `cloudUrl`. */
export async function startSimServer(distDir: string, cloudUrl: string, port: number): Promise<SimServer> {
  const phones = new Map<string, Promise<WeappSim>>();
  const scans = new Map<string, string>();
  let currentUser = 'alice';
  const phone = (user: string): Promise<WeappSim> => {
    let p = phones.get(user);
    if (!p) {
      p = WeappSim.launch({
        distDir,
        cloudUrl,
        user,
        answers: {
          scanCode: () => {
            const result = scans.get(user) ?? '';
            return result ? { result } : null;
          },
          subscribe: ACCEPT_SUBSCRIPTIONS.subscribe,
        },
      });
      phones.set(user, p);
    }
    return p;
  };
  const toastsSeen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const body =
        req.method === 'POST'
          ? await new Promise<string>((r) => {
              let b = '';
              req.on('data', (c: Buffer) => (b += c.toString()));
              req.on('end', () => r(b));
            })
          : '';
      const input = body ? (JSON.parse(body) as Record<string, string>) : {};
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const sim = await phone('alice');
        res.end(SHELL(sim.logic.appJson.tabBar?.list ?? []));
        return;
      }
      if (url.searchParams.get('user')) currentUser = url.searchParams.get('user')!;
      if (input.user) currentUser = input.user;
      const sim = await phone(currentUser);
      if (url.pathname === '/api/sim/state') {
        const doc = pageDocument(sim, FRAME_CLIENT);
        const hash = createHash('sha1').update(doc).digest('hex');
        const seen = toastsSeen.get(currentUser) ?? 0;
        toastsSeen.set(currentUser, sim.toasts.length);
        const top = sim.stackRoutes();
        const modal = sim.modals[sim.modals.length - 1];
        // What failed in the mini-program is shown once, then the phone goes on.
        const errors = sim.errors.splice(0).map((e) => e.message);
        for (const e of errors) console.error(`[${currentUser}] ${e}`);
        send(res, {
          hash,
          doc: url.searchParams.get('shown') === hash ? undefined : doc,
          title: sim.navigationTitle(),
          stack: top,
          isTab: sim.logic.isTab(top[top.length - 1] ?? ''),
          toast: sim.toasts.length > seen ? sim.toasts[sim.toasts.length - 1]!.title : '',
          modal: modal ? `${modal.title}：${modal.content}（${modal.confirm ? '确定' : '取消'}）` : '',
          errors,
        });
        return;
      }
      if (url.pathname === '/api/sim/tap') await sim.tapElement(sim.elementAt(input.path!));
      else if (url.pathname === '/api/sim/input') await sim.type(sim.elementAt(input.path!), input.value ?? '');
      else if (url.pathname === '/api/sim/confirm') {
        sim.dispatch(sim.elementAt(input.path!), 'confirm', { value: input.value ?? '' });
        await sim.settle();
      } else if (url.pathname === '/api/sim/back') await sim.navigateBackAndSettle(1);
      else if (url.pathname === '/api/sim/tab') await sim.navigate('switchTab', input.url!);
      else if (url.pathname === '/api/sim/scan') scans.set(currentUser, input.result ?? '');
      else {
        res.writeHead(404).end();
        return;
      }
      send(res, { ok: true });
    })().catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      if (!res.headersSent) send(res, { error: e instanceof Error ? e.message : String(e) }, 500);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    console.log('Building the mini-program with a cloud env into dist/weapp-cloud (first run only)…');
    const r = spawnSync('npm', ['run', '--silent', 'build:weapp-cloud'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the weapp build failed: see the output above');
  }
  const cloudUrl = process.env.SIM_CLOUD_URL ?? (await startLocalCloud()).url;
  const sim = await startSimServer(DIST, cloudUrl, Number(process.env.SIM_PORT ?? 8790));
  console.log(`礼品卡中心 · mini-program simulator (dist/weapp-cloud) against ${cloudUrl}`);
  console.log(`  open ${sim.url}/`);
}

function send(res: http.ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

// Run as `npm run sim`; imported by tests for startSimServer.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
