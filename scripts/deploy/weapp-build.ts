/**
 * The release mini-program build: it must call the cloud env the functions are deployed to (the
 * env id is compiled in from TARO_APP_CLOUD_ENV) and hold no local address — a build that still
 * points at 127.0.0.1 or localhost would send real users' calls nowhere.
 */
import fs from 'node:fs';
import path from 'node:path';

const LOCAL_ADDRESS = /127\.0\.0\.1|localhost/;
/** Files of a mini-program build that hold code or configuration. */
const TEXT_FILE = /\.(js|json|wxml|wxss|wxs)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : TEXT_FILE.test(d.name) ? [p] : [];
  });
}

/** Findings about the weapp build in `dir` for cloud env `envId` (undefined when none is configured). */
export function checkWeappBuild(dir: string, envId: string | undefined): string[] {
  const label = path.basename(dir);
  if (!fs.existsSync(dir)) return [`${label}: not built: run TARO_APP_CLOUD_ENV=<env id> npm run build:weapp`];
  const out: string[] = [];
  const all = files(dir).sort();
  if (!envId)
    out.push(`${label}: ENV_ID is not set (.env or the environment): the cloud env to deploy to and build for`);
  else if (!all.some((f) => f.endsWith('.js') && fs.readFileSync(f, 'utf8').includes(JSON.stringify(envId))))
    out.push(`${label}: built without cloud env ${envId}: run TARO_APP_CLOUD_ENV=${envId} npm run build:weapp`);
  for (const f of all) {
    const text = fs.readFileSync(f, 'utf8');
    const m = LOCAL_ADDRESS.exec(text);
    if (m) {
      const around = text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 10).replace(/\s+/g, ' ');
      out.push(`${label}: ${path.relative(dir, f)} holds a local address (…${around}…)`);
    }
  }
  return out;
}
