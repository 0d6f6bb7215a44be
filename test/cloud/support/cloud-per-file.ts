/**
 * A test file's one local cloud: started before its tests, closed after them, with the money
 * invariants checked after every test so a test that breaks them fails where it happened.
 */
import { startTestCloud, type TestCloud } from './local-cloud';
import { checkMoneyInvariants } from './money-invariants';

export function cloudPerFile(use: (cloud: TestCloud) => void): void {
  let cloud: TestCloud | undefined;
  beforeAll(async () => {
    cloud = await startTestCloud();
    use(cloud);
  });
  afterAll(async () => {
    await cloud?.close();
  });
  afterEach(async () => {
    if (cloud) await checkMoneyInvariants(cloud);
  });
}
