/**
 * `npm run deploy:check`: before uploading, checks cloudbaserc.json and each function's config.json
 * against the built functions (dist/cloudfunctions, from npm run build:cloud), the .env that
 * `tcb fn deploy` reads, and the release weapp build (dist/weapp). Prints one line per finding and exits 1 on any.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkFunctions } from './deploy/config-rules';
import { checkDotEnv } from './deploy/dot-env';
import { envIdOf, loadDeployProject, readDotEnv } from './deploy/project';
import { checkWeappBuild } from './deploy/weapp-build';

const ROOT = path.resolve(__dirname, '..');

const findings = [
  ...checkFunctions(loadDeployProject(ROOT)),
  ...checkDotEnv(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'), readDotEnv(ROOT)),
  ...checkWeappBuild(path.join(ROOT, 'dist', 'weapp'), envIdOf(ROOT)),
];
for (const f of findings) console.log(f);
console.log(findings.length === 0 ? 'deploy:check: ready to deploy' : `deploy:check: ${findings.length} finding(s)`);
process.exit(findings.length === 0 ? 0 : 1);
