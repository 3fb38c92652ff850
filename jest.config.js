// Two projects: plain-Node tests for policy/ and api/mock/, jsdom tests for pages with Taro's test utils.
const path = require('path')

const nodeProject = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test/node'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.page\\.test\\.tsx$'],
  transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}

module.exports = { projects: [nodeProject] }
