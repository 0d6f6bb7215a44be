/**
 * The real wx-server-sdk in the test process, pointed at a test local cloud — the way the
 * functions reach it, with no mock anywhere.
 */
import type * as Sdk from 'wx-server-sdk';
import type { TestCloud } from './local-cloud';

export type Db = ReturnType<typeof Sdk.database>;

export function connectSdk(cloud: TestCloud): { sdk: typeof Sdk; db: Db } {
  Object.assign(process.env, cloud.sdkEnv);
  // eslint-disable-next-line @typescript-eslint/no-var-requires -- the SDK reads its endpoint from env on first use
  const sdk = require('wx-server-sdk') as typeof Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  return { sdk, db: sdk.database() };
}
