// Entry of one function instance (a worker thread): teaches require() TypeScript, then runs the
// instance loop. Plain CommonJS so it starts the same under tsx, ts-jest or node.
require('tsx/cjs/api').register();
require('./instance.ts');
