/**
 * The deployment description stays true to the code: every function is declared in
 * cloudbaserc.json with its config.json timeout and triggers, and every collection is server-only;
 * npm run deploy:check's rules (scripts/deploy/), each on a fixture that breaks one, and on the
 * real project; .env stays out of git and .env.example documents every variable.
 */
import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTION_BUILD } from '../../cloudfunctions/local/runtime/bundle';
import { checkFunctions, type DeployProject } from '../../scripts/deploy/config-rules';
import { checkDotEnv, parseDotEnv } from '../../scripts/deploy/dot-env';
import { loadDeployProject, type BundleSource } from '../../scripts/deploy/project';
import { checkWeappBuild } from '../../scripts/deploy/weapp-build';
import { discoverFunctions } from '../../cloudfunctions/local/runtime/discover';
import { loadCollections } from '../../cloudfunctions/local/collections';

const ROOT = path.resolve(__dirname, '..', '..');

interface Declared {
  name: string;
  timeout: number;
  handler: string;
  triggers: { name: string; type: string; config: string }[];
}

test('should declare every function with the timeout and triggers of its config.json', () => {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
    envId: string;
    functionRoot: string;
    functions: Declared[];
  };
  const functions = discoverFunctions(path.join(ROOT, 'cloudfunctions', 'functions'));
  expect(rc.envId).toBe('{{env.ENV_ID}}');
  expect(rc.functionRoot).toBe('./dist/cloudfunctions');
  expect(rc.functions.map((f) => f.name).sort()).toEqual(functions.map((f) => f.name).sort());
  for (const fn of functions) {
    const declared = rc.functions.find((f) => f.name === fn.name)!;
    expect(declared.timeout).toBe(fn.config.timeout);
    expect(declared.handler).toBe('index.main');
    expect(declared.triggers).toEqual(fn.config.triggers);
  }
});

test('should keep every collection server-only', () => {
  const collections = loadCollections();
  expect(collections.length).toBeGreaterThan(0);
  for (const c of collections) expect(c.rules).toEqual({ read: false, write: false });
});

test('should point the devtools at the built mini-program and functions, with no app id or env id in the repo', () => {
  const pc = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as Record<string, unknown>;
  expect(pc.miniprogramRoot).toBe('dist/weapp/');
  expect(pc.cloudfunctionRoot).toBe('dist/cloudfunctions/');
  expect(pc.appid).toBe('touristappid');
});

// ---- npm run deploy:check: the rules, each on a fixture that breaks only it, then the real project ----

/** A function that passes every rule; each test below breaks one thing of a copy. */
function fixture(): DeployProject {
  const trigger = { name: 'sweeper', type: 'timer', config: '0 */5 * * * * *' };
  return {
    rc: {
      functionRoot: './dist/cloudfunctions',
      functions: [
        {
          name: 'pay',
          timeout: 20,
          runtime: 'Nodejs18.15',
          handler: 'index.main',
          triggers: [trigger],
          envVariables: { GIFTCARD_SECRET: '{{env.GIFTCARD_SECRET}}', REDEEM_MINT_LIMIT: '{{env.REDEEM_MINT_LIMIT}}' },
        },
      ],
    },
    functions: [
      {
        name: 'pay',
        config: { permissions: { openapi: ['cloudPay.refund'] }, timeout: 20, triggers: [trigger] },
        bundle: [
          'const key = process.env.GIFTCARD_SECRET;',
          'const limit = intSetting("REDEEM_MINT_LIMIT", 30, 1, 100);',
          'const local = process.env.LOCAL_PAY_URL, env = process.env.TCB_ENV;',
          'const pay = cloud.cloudPay; await pay.refund({});',
        ].join('\n'),
      },
    ],
    buildTarget: 'node18',
  };
}

type Fixture = ReturnType<typeof fixture> & {
  rc: { functions: Record<string, unknown>[] };
  functions: { name: string; config: Record<string, unknown>; bundle: string | null }[];
};
const broken = (change: (p: Fixture) => void): string[] => {
  const p = fixture() as Fixture;
  change(p);
  return checkFunctions(p);
};

test('should pass a function whose two descriptions agree and grant what its code needs', () => {
  expect(checkFunctions(fixture())).toEqual([]);
});

test('should report a function folder missing from cloudbaserc.json, and a declared function with no folder', () => {
  expect(broken((p) => p.functions.push({ name: 'extra', config: {}, bundle: '' }))).toEqual([
    'extra: has no entry in cloudbaserc.json functions',
  ]);
  expect(broken((p) => (p.rc.functions[0]!.name = 'renamed'))).toEqual([
    'renamed: declared in cloudbaserc.json but cloudfunctions/functions/renamed does not exist',
    'pay: has no entry in cloudbaserc.json functions',
  ]);
});

test('should report a function with more than one trigger, in either file', () => {
  const two = [
    { name: 'a', type: 'timer', config: '0 0 1 * * * *' },
    { name: 'b', type: 'timer', config: '0 0 2 * * * *' },
  ];
  expect(
    broken((p) => {
      p.functions[0]!.config.triggers = two;
      p.rc.functions[0]!.triggers = two;
    }),
  ).toEqual([
    'pay: config.json has 2 triggers (a, b); WeChat allows 1 per function',
    'pay: cloudbaserc.json has 2 triggers (a, b); WeChat allows 1 per function',
  ]);
});

test('should report a cron that is not 7 fields, and triggers that differ between the files', () => {
  const six = [{ name: 'sweeper', type: 'timer', config: '0 */5 * * * *' }];
  expect(broken((p) => (p.functions[0]!.config.triggers = six))).toEqual([
    'pay: config.json trigger sweeper: a timer needs 7 cron fields (second first, year last): "0 */5 * * * *"',
    'pay: triggers differ between config.json and cloudbaserc.json',
  ]);
  const badHour = [{ name: 'sweeper', type: 'timer', config: '0 0 24 * * * *' }];
  expect(
    broken((p) => {
      p.functions[0]!.config.triggers = badHour;
      p.rc.functions[0]!.triggers = badHour;
    }),
  ).toEqual([
    'pay: config.json trigger sweeper: bad cron value "24" in "0 0 24 * * * *"',
    'pay: cloudbaserc.json trigger sweeper: bad cron value "24" in "0 0 24 * * * *"',
  ]);
});

test('should report timeouts that disagree, one over 60 s, and a config.json without one (3 s)', () => {
  expect(broken((p) => (p.rc.functions[0]!.timeout = 10))).toEqual([
    'pay: timeout is 20 s in config.json but 10 s in cloudbaserc.json',
  ]);
  expect(
    broken((p) => {
      p.rc.functions[0]!.timeout = 90;
      p.functions[0]!.config.timeout = 90;
    }),
  ).toEqual([
    "pay: config.json timeout 90 s is over WeChat's 60 s",
    "pay: cloudbaserc.json timeout 90 s is over WeChat's 60 s",
  ]);
  expect(broken((p) => delete p.functions[0]!.config.timeout)).toEqual([
    'pay: timeout is 3 s in config.json but 20 s in cloudbaserc.json',
  ]);
});

test('should report a variable the code reads that envVariables does not set, including settings', () => {
  expect(broken((p) => (p.functions[0]!.bundle += '\nconst t = process.env["TEMPLATE_GIFT_CLAIMED"];'))).toEqual([
    'pay: the code reads process.env.TEMPLATE_GIFT_CLAIMED but cloudbaserc.json envVariables lacks it',
  ]);
  expect(broken((p) => (p.rc.functions[0]!.envVariables = { GIFTCARD_SECRET: '{{env.GIFTCARD_SECRET}}' }))).toEqual([
    'pay: the code reads process.env.REDEEM_MINT_LIMIT but cloudbaserc.json envVariables lacks it',
  ]);
});

test('should report a committed secret value and a local-cloud variable in envVariables', () => {
  expect(
    broken((p) => {
      p.rc.functions[0]!.envVariables = {
        GIFTCARD_SECRET: 'f'.repeat(64),
        REDEEM_MINT_LIMIT: '30',
        LOCAL_PAY_URL: 'http://127.0.0.1:8787/pay',
      };
    }),
  ).toEqual([
    'pay: cloudbaserc.json envVariables.GIFTCARD_SECRET holds a value; use "{{env.GIFTCARD_SECRET}}" so no secret is committed',
    'pay: cloudbaserc.json envVariables sets LOCAL_PAY_URL, which only the local cloud may set',
  ]);
});

test('should report an open API the code calls that permissions.openapi does not grant', () => {
  expect(broken((p) => (p.functions[0]!.config.permissions = { openapi: [] }))).toEqual([
    'pay: the code calls cloudPay.refund but config.json permissions.openapi lacks it',
  ]);
  const direct = 'await cloud.openapi.wxacode.getUnlimited({ scene });';
  expect(broken((p) => (p.functions[0]!.bundle += `\n${direct}`))).toEqual([
    'pay: the code calls wxacode.getUnlimited but config.json permissions.openapi lacks it',
  ]);
  // Handed to an adapter under another name: the namespace's methods found anywhere count.
  const adapter = 'const api = cloud.openapi.subscribeMessage; class M { go() { return this.api.send(m); } }';
  expect(broken((p) => (p.functions[0]!.bundle += `\n${adapter}`))).toEqual([
    'pay: the code calls subscribeMessage.send but config.json permissions.openapi lacks it',
  ]);
});

test('should report a runtime other than Nodejs18.15 and a build for another Node.js', () => {
  expect(broken((p) => (p.rc.functions[0]!.runtime = 'Nodejs16.13'))).toEqual([
    'pay: cloudbaserc.json runtime is Nodejs16.13, expected Nodejs18.15',
  ]);
  expect(broken((p) => (p.buildTarget = 'node16'))).toEqual([
    'build: functions are built for node16 but run on Nodejs18.15 (esbuild target node18)',
  ]);
});

test('should report a function that has not been built', () => {
  expect(broken((p) => (p.functions[0]!.bundle = null))).toEqual([
    'pay: dist/cloudfunctions/pay/index.js is missing: run npm run build:cloud first',
  ]);
});

/** The real functions' bundles, built in memory exactly as npm run build:cloud builds them. */
const memoryBundles: BundleSource = (_name, entry) =>
  buildSync({ ...FUNCTION_BUILD, entryPoints: [entry], write: false, outfile: 'index.js' }).outputFiles[0]!.text;

test('should find the real project ready to deploy, but for merchant’s triggers', () => {
  const findings = checkFunctions(loadDeployProject(ROOT, memoryBundles));
  expect(findings).toEqual([]);
}, 60_000);

test('should build the functions for the Node.js they are declared to run on', () => {
  expect(FUNCTION_BUILD.target).toBe('node18');
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: Declared[] };
  for (const f of rc.functions) expect(f).toMatchObject({ runtime: 'Nodejs18.15' });
});

test('should keep .env files out of git, and document in .env.example every variable cloudbaserc.json reads', () => {
  const ignored = (file: string): boolean => {
    try {
      execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
      return true;
    } catch {
      return false;
    }
  };
  expect(['.env', '.env.production', '.env.local'].filter((f) => !ignored(f))).toEqual([]);
  expect(ignored('.env.example')).toBe(false);
  const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  const documented = new Map(
    [...example.matchAll(/^([A-Z_][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const),
  );
  const rcText = fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8');
  const read = new Set([...rcText.matchAll(/\{\{env\.([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((m) => m[1]!));
  expect([...read].filter((v) => !documented.has(v))).toEqual([]);
  // No secret in the committed file.
  expect(documented.get('GIFTCARD_SECRET')).toBe('');
  expect(documented.get('WXPAY_SUB_MCH_ID')).toBe('');
});

describe('the .env tcb fn deploy reads', () => {
  const rc = fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8');
  const example = parseDotEnv(fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8'));
  const filled: Record<string, string> = {
    ...example,
    ENV_ID: 'prod-1a2b3c',
    GIFTCARD_SECRET: 'k'.repeat(64),
    WXPAY_SUB_MCH_ID: '1900000109',
  };

  test('should pass .env.example once the env id, the key and the merchant number are filled in', () => {
    expect(checkDotEnv(rc, filled)).toEqual([]);
    expect(checkDotEnv(rc, example)).toEqual([
      '.env: ENV_ID is empty',
      '.env: GIFTCARD_SECRET is empty',
      '.env: WXPAY_SUB_MCH_ID is empty',
    ]);
  });

  test('should report a missing .env, a variable cloudbaserc.json uses that it lacks, and a short key', () => {
    expect(checkDotEnv(rc, null)).toEqual([
      '.env: missing: cp .env.example .env and fill it in (tcb fn deploy reads it)',
    ]);
    const { TEMPLATE_GIFT_CLAIMED: _gone, ...rest } = filled;
    expect(checkDotEnv(rc, rest)).toEqual([
      ".env: TEMPLATE_GIFT_CLAIMED is missing (cloudbaserc.json uses it; envVariables replace the console's)",
    ]);
    expect(checkDotEnv(rc, { ...filled, GIFTCARD_SECRET: 'x'.repeat(31) })).toEqual([
      '.env: GIFTCARD_SECRET has 31 characters; the functions refuse fewer than 32',
    ]);
  });

  test('should read KEY=VALUE lines with quotes and comments as tcb does', () => {
    expect(parseDotEnv('# note\nENV_ID="prod-1"\nexport A=b # trailing\nB=\n  C = \'x y\'\nnot a line')).toEqual({
      ENV_ID: 'prod-1',
      A: 'b',
      B: '',
      C: 'x y',
    });
  });
});

describe('the release weapp build', () => {
  const ENV = 'prod-1a2b3c';
  let dir: string;
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-check-')), 'weapp');
    write('app.json', '{"pages":["pages/home/index"]}');
    write('common.js', `var v="${ENV}";wx.cloud.init({env:v,traceUser:!0});`);
    write('pages/home/index.js', 'Page({})');
  });

  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  test('should pass a build made for the env with no local address', () => {
    expect(checkWeappBuild(dir, ENV)).toEqual([]);
  });

  test('should report a build without the cloud env, and an unknown env', () => {
    write('common.js', 'var v="";var g="https://api.example.com";');
    expect(checkWeappBuild(dir, ENV)).toEqual([
      `weapp: built without cloud env ${ENV}: run TARO_APP_CLOUD_ENV=${ENV} npm run build:weapp`,
    ]);
    expect(checkWeappBuild(dir, undefined)).toEqual([
      'weapp: ENV_ID is not set (.env or the environment): the cloud env to deploy to and build for',
    ]);
  });

  test('should report every file holding 127.0.0.1 or localhost', () => {
    write('pages/home/index.js', 'Page({gateway:"http://127.0.0.1:8787"})');
    write('sub/app.json', '{"url":"http://localhost/x"}');
    expect(checkWeappBuild(dir, ENV)).toEqual([
      'weapp: pages/home/index.js holds a local address (…Page({gateway:"http://127.0.0.1:8787"})…)',
      'weapp: sub/app.json holds a local address (…{"url":"http://localhost/x"}…)',
    ]);
  });

  test('should report a missing build', () => {
    fs.rmSync(dir, { recursive: true });
    expect(checkWeappBuild(dir, ENV)).toEqual([
      'weapp: not built: run TARO_APP_CLOUD_ENV=<env id> npm run build:weapp',
    ]);
  });
});
