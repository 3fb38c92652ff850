// ESLint (flat config): TypeScript rules, React hooks, and the layer rule that keeps policy/ and
// api/mock/ runnable in plain Node.
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

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
