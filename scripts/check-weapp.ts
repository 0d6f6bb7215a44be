/** `npm run check:weapp`: prints the devtools' checks of dist/weapp; exits 1 if any fails. */
import { checkWeapp, overBudget } from './weapp-quality';

checkWeapp().then(
  (r) => {
    for (const i of r.items) console.log(`${i.success ? 'pass' : 'FAIL'}  ${i.name}  ${i.text}`);
    console.log(`analyseCode: ${r.analyseErrors.length === 0 ? 'no module errors' : r.analyseErrors.join('\n')}`);
    const { main, subpackages } = r.packages;
    for (const [name, bytes] of Object.entries({ main, ...subpackages }))
      console.log(`package ${name}: ${(bytes / 1024).toFixed(1)} KB`);
    const over = overBudget(r.packages);
    if (over.length > 0) console.log(`over the 1 MB budget: ${over.join(', ')}`);
    const ok = r.items.every((i) => i.success) && r.analyseErrors.length === 0 && over.length === 0;
    process.exit(ok ? 0 : 1);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
