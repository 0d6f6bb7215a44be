/** Lint rules: TypeScript strictness at boundaries, React hooks rules, and the layer boundaries. */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'react', 'react-hooks'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'plugin:react/recommended', 'plugin:react-hooks/recommended'],
  settings: { react: { version: '18.3' } },
  env: { es2022: true, node: true, browser: true, jest: true },
  rules: {
    'react/react-in-jsx-scope': 'off',
    'react/prop-types': 'off',
    '@typescript-eslint/no-explicit-any': 'error',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'no-console': 'off',
  },
  overrides: [
    {
      // The domain is pure: no platform, no framework, no clock, no randomness.
      files: ['src/domain/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: ['@tarojs/*', 'mobx*', 'react*', 'wx-server-sdk', '../*/**'] }],
        'no-restricted-properties': [
          'error',
          { object: 'Date', property: 'now', message: 'pass time in as a parameter' },
          { object: 'Math', property: 'random', message: 'pass randomness in as a parameter' },
        ],
      },
    },
    {
      // Components are presentational: props in, events out.
      files: ['src/components/**/*.{ts,tsx}'],
      rules: { 'no-restricted-imports': ['error', { patterns: ['**/stores/**', '**/services/**'] }] },
    },
    {
      files: ['**/*.cjs', 'config/**/*.{js,ts}', 'babel.config.js'],
      rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
    },
  ],
};
