/** `npm run check:weapp`: prints the devtools' checks of dist/weapp; exits 1 if any fails. */
import { checkWeapp } from './weapp-quality';

checkWeapp().then(
  (r) => {
    for (const i of r.items) console.log(`${i.success ? 'pass' : 'FAIL'}  ${i.name}  ${i.text}`);
    console.log(`analyseCode: ${r.analyseErrors.length === 0 ? 'no module errors' : r.analyseErrors.join('\n')}`);
    console.log(`main package: ${(r.mainPackageBytes / 1024).toFixed(1)} KB`);
    const ok = r.items.every((i) => i.success) && r.analyseErrors.length === 0 && r.mainPackageBytes < 1024 * 1024;
    process.exit(ok ? 0 : 1);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
