// The app's transport fault plan, for page tests that need sends to be lost (pages and their
// tests never import src/api themselves).
export { faults } from '../../src/api'
