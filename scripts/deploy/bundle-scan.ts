/**
 * What a function's bundle needs from its deployment, read from its code: the environment variables
 * it reads and the open APIs (cloud.openapi.*, cloud.cloudPay.*) it can call. The scan is textual,
 * so it over-reports rather than misses: a method of a namespace the bundle uses counts as called
 * wherever `.method(` appears, because the code hands the namespace object to an adapter
 * (messages/, payments/) that calls it under another name.
 */

/** Variables the platform sets itself (or only the local cloud sets): never in envVariables. */
export const PLATFORM_VARIABLES: readonly string[] = ['TCB_ENV', 'SCF_NAMESPACE'];

/** Set only by the local cloud; their absence is what selects WeChat Pay and subscribe messages. */
export const LOCAL_ONLY_PREFIX = 'LOCAL_';

/** Methods of each namespace a function may be granted; a namespace missing here is reported, not guessed. */
export const OPEN_API_METHODS: Readonly<Record<string, readonly string[]>> = {
  cloudPay: ['unifiedOrder', 'queryOrder', 'closeOrder', 'refund', 'queryRefund', 'downloadBill', 'downloadFundflow'],
  subscribeMessage: ['send', 'addTemplate', 'deleteTemplate', 'getCategory', 'getTemplateList'],
  wxacode: ['getUnlimited', 'createQRCode', 'get'],
  urlscheme: ['generate'],
  urllink: ['generate'],
  security: ['msgSecCheck', 'imgSecCheck'],
  updatableMessage: ['createActivityId', 'setUpdatableMsg'],
};

/**
 * Names the code reads from process.env: `process.env.X`, `process.env["X"]`, and the settings
 * helper `intSetting("X", …)` (cloudfunctions/core/settings.ts), which reads process.env[X].
 */
export function envReads(code: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /process\.env\.([A-Z_][A-Z0-9_]*)/g,
    /process\.env\[\s*["'`]([A-Z_][A-Z0-9_]*)["'`]\s*\]/g,
    // esbuild may suffix a renamed binding with a digit (intSetting2).
    /\bintSetting\d*\(\s*["'`]([A-Z_][A-Z0-9_]*)["'`]/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) names.add(m[1]!);
  return [...names].sort();
}

/** Variables the deployment must set: what the code reads, less the platform's and the local cloud's own. */
export function deployedVariables(code: string): string[] {
  return envReads(code).filter((n) => !PLATFORM_VARIABLES.includes(n) && !n.startsWith(LOCAL_ONLY_PREFIX));
}

export interface OpenApiUse {
  /** `namespace.method`, as config.json permissions.openapi lists them. */
  calls: string[];
  /** Namespaces used whose methods this scan does not know. */
  unknownNamespaces: string[];
}

export function openApiUses(code: string): OpenApiUse {
  const namespaces = new Set<string>();
  const calls = new Set<string>();
  const calledDirectly = new Set<string>();
  for (const m of code.matchAll(/\bopenapi\.([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*)\s*\()?/g)) {
    namespaces.add(m[1]!);
    if (m[2]) {
      calls.add(`${m[1]}.${m[2]}`);
      calledDirectly.add(m[1]!);
    }
  }
  if (/\.cloudPay\b/.test(code)) namespaces.add('cloudPay');
  const unknownNamespaces: string[] = [];
  for (const ns of namespaces) {
    const methods = OPEN_API_METHODS[ns];
    if (!methods) {
      if (!calledDirectly.has(ns)) unknownNamespaces.push(ns);
      continue;
    }
    for (const method of methods) if (new RegExp(`\\.${method}\\s*\\(`).test(code)) calls.add(`${ns}.${method}`);
  }
  return { calls: [...calls].sort(), unknownNamespaces: unknownNamespaces.sort() };
}
