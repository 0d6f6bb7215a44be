/**
 * Test projects: `unit` (domain + cloud functions against the local cloud, Node), `ui` (stores and
 * React components in jsdom), `native` (native mini-program components under miniprogram-simulate,
 * which needs jsdom), `build` (the weapp build through the devtools' checks), `e2e` (the H5 build in
 * headless Chromium), `weapp` (the mini-program build in the headless simulator, tools/weapp-sim).
 * `npm test` builds first, then runs them all.
 */
const tsJest = [
  'ts-jest',
  {
    // Transpile only: `npm run typecheck` checks types once for the whole tree.
    tsconfig: { jsx: 'react-jsx', esModuleInterop: true, module: 'commonjs', target: 'ES2020', isolatedModules: true },
  },
];

const base = {
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{domain,cloud}/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.{ts,tsx}'],
      setupFilesAfterEnv: ['<rootDir>/test/ui/setup.ts'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/ui/mocks/taro.ts',
        '^@tarojs/components$': '<rootDir>/test/ui/mocks/components.tsx',
        '^@nutui/nutui-react-taro$': '<rootDir>/test/ui/mocks/nutui.tsx',
        '\\.(css|scss)$': '<rootDir>/test/ui/mocks/style.ts',
      },
    },
    { ...base, displayName: 'native', testEnvironment: 'jsdom', testMatch: ['<rootDir>/test/native/**/*.test.ts'] },
    { ...base, displayName: 'build', testEnvironment: 'node', testMatch: ['<rootDir>/test/build/**/*.test.ts'] },
    // The mini-program build (dist/weapp-cloud) in the headless simulator of tools/weapp-sim.
    { ...base, displayName: 'weapp', testEnvironment: 'node', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
