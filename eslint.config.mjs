// ESLint (flat config): TypeScript rules, React hooks, and the layer rule that keeps policy/ and
// api/mock/ runnable in plain Node.
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// WeChat's logic layer has none of these (../shared/notes/weapp-runtime.md): code that may run in
// the mini-program reaches them only from *.h5.ts(x) files, which only the H5 build resolves.
const WEB_ONLY = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'fetch',
  'XMLHttpRequest',
  'crypto',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'WebAssembly',
  'structuredClone',
]
const webOnlyGlobals = WEB_ONLY.map((name) => ({
  name,
  message: `${name} does not exist in WeChat's logic layer: use Taro/wx, or move this into a *.h5.ts file.`,
}))
const webOnlyOnGlobalThis = WEB_ONLY.map((property) => ({
  object: 'globalThis',
  property,
  message: `globalThis.${property} does not exist in WeChat's logic layer: inject the platform's source instead.`,
}))

// Built-ins newer than the oldest JavaScript engine the app supports: base library 2.15.0 needs
// WeChat 7.0.20 on iOS 10+ (JavaScriptCore of Safari 10); babel lowers syntax, not built-ins.
const tooNew = (what, since) =>
  `${what} (${since}) is missing on the iOS 10 JavaScriptCore that base library 2.15.0 runs on.`
const newBuiltins = [
  { property: 'at', message: tooNew('Array/String.prototype.at', 'ES2022, iOS 15.4') },
  { property: 'findLast', message: tooNew('findLast', 'ES2023, iOS 15.4') },
  { property: 'findLastIndex', message: tooNew('findLastIndex', 'ES2023, iOS 15.4') },
  { object: 'Object', property: 'hasOwn', message: tooNew('Object.hasOwn', 'ES2022, iOS 15.4') },
  { property: 'replaceAll', message: tooNew('replaceAll', 'ES2021, iOS 13.4') },
  { object: 'Promise', property: 'any', message: tooNew('Promise.any', 'ES2021, iOS 14') },
  { object: 'Promise', property: 'allSettled', message: tooNew('Promise.allSettled', 'ES2020, iOS 13') },
  { property: 'matchAll', message: tooNew('matchAll', 'ES2020, iOS 13') },
  { property: 'flat', message: tooNew('Array.prototype.flat', 'ES2019, iOS 12') },
  { property: 'flatMap', message: tooNew('Array.prototype.flatMap', 'ES2019, iOS 12') },
  { object: 'Object', property: 'fromEntries', message: tooNew('Object.fromEntries', 'ES2019, iOS 12.2') },
  { property: 'trimStart', message: tooNew('trimStart', 'ES2019, iOS 12') },
  { property: 'trimEnd', message: tooNew('trimEnd', 'ES2019, iOS 12') },
]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.swc/**', 'test/e2e/screenshots/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/policy/**', 'src/api/mock/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', 'react', 'react-*', 'mobx', 'mobx-*'],
              message: 'policy/ and api/mock/ must run in plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/policy/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', 'react', 'react-*', 'mobx', 'mobx-*'],
              message: 'policy/ must run in plain Node.',
            },
            {
              group: ['**/api/**', '**/stores/**', '**/pages/**', '**/components/**'],
              message: 'policy/ is the bottom layer.',
            },
          ],
        },
      ],
    },
  },
  {
    // Everything the app ships (tests run in Node and are exempt).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', ...newBuiltins],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      // Error codes are the contract's: name them through ErrCode (policy/codes.ts), never as numbers.
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[left.property.name='errcode'][right.type='Literal'][right.value>0]",
          message: 'Compare errcode with ErrCode.X from policy/codes.ts, not a number.',
        },
        {
          selector: "BinaryExpression[right.property.name='errcode'][left.type='Literal'][left.value>0]",
          message: 'Compare errcode with ErrCode.X from policy/codes.ts, not a number.',
        },
        {
          selector: "CallExpression[callee.property.name='finally']",
          message: 'Promise#finally is missing in iOS 10 (base library 2.15.0): use then(done, done).',
        },
      ],
    },
  },
  {
    // …and all of it but the H5-only files runs in WeChat's logic layer.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.h5.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...webOnlyGlobals],
      'no-restricted-properties': ['error', ...newBuiltins, ...webOnlyOnGlobalThis],
    },
  },
  {
    // Pages talk to stores only: no api client, transport, backend or wire module, tests included
    // (they arrange data through test/kit/app.ts).
    files: ['src/pages/**', 'src/*/pages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api', '**/api/**'],
              message: 'Pages never call the api: go through a store (src/stores, a sub-package store).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests poke at untyped envelopes and fixtures on purpose.
    files: ['**/*.test.{ts,tsx}', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
