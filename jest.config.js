// Two projects: plain-Node tests for policy/ and api/mock/ (and stores), jsdom tests for pages with
// Taro's test utils. The page project follows the fixes in ../shared/notes/taro-setup.md.
const path = require('path')
const taroPreset = require('@tarojs/test-utils-react/dist/jest.js').default

const babelTransform = ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }]

const nodeProject = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test/node'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[jt]sx?$': babelTransform },
  setupFiles: ['<rootDir>/test/node/fastcheck.setup.js', '<rootDir>/test/node/verify.setup.js'],
}

// The preset's top-level-only options (bail, verbose) are not valid inside a project.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { bail: _bail, verbose: _verbose, ...preset } = taroPreset({})
const taroTransformer = preset.transform['^.+\\.(js|jsx|ts|tsx)$']
const pagesProject = {
  ...preset,
  displayName: 'pages',
  // jsdom, optionally running each file's tests in reverse (scripts/test-isolation.mjs)
  testEnvironment: '<rootDir>/test/pages/environment.js',
  roots: ['<rootDir>/src', '<rootDir>/test/pages'],
  testMatch: ['**/*.test.tsx'],
  collectCoverageFrom: undefined,
  // Taro, stencil & co ship ES modules and must be transformed; jest/babel/react internals must not.
  transformIgnorePatterns: [
    '/node_modules/(jest-[^/]*|@jest|babel-[^/]*|@babel|core-js[^/]*|react|react-dom|scheduler)/',
  ],
  transform: { '^.+\\.(js|jsx|ts|tsx|mjs)$': taroTransformer },
  moduleFileExtensions: [...preset.moduleFileExtensions, 'mjs'],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '\\.(css|png|svg)$': '<rootDir>/test/pages/fileStub.js',
  },
  // Loading @tarojs/taro first breaks the router <-> taro import cycle (see taro-setup notes).
  setupFiles: [...preset.setupFiles, '<rootDir>/test/pages/setup.js'],
  // Each test gets a fresh app (test/kit/app.ts): no test depends on another's leftovers.
  setupFilesAfterEnv: [...(preset.setupFilesAfterEnv ?? []), '<rootDir>/test/pages/fresh.setup.ts'],
  globals: { ...preset.globals, API_TRANSPORT: 'mock', API_BASE_URL: '' },
}

module.exports = {
  projects: [nodeProject, pagesProject],
  // Two cores here: run two workers rather than in band, and recycle a worker whose memory grew
  // (each page test builds a fresh app with its own embedded backend).
  maxWorkers: 2,
  workerIdleMemoryLimit: '1024MB',
}
