// jsdom for page tests; BIZMAIL_TEST_ORDER=reverse runs every file's tests last to first, which
// scripts/test-isolation.mjs uses to show that no test needs another to have run before it.
const { TestEnvironment } = require('jest-environment-jsdom')

function reverse(block) {
  block.children.reverse()
  for (const child of block.children) if (child.type === 'describeBlock') reverse(child)
}

class PageTestEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    if (event.name === 'run_start' && process.env.BIZMAIL_TEST_ORDER === 'reverse') {
      reverse(state.rootDescribeBlock)
    }
  }
}

module.exports = PageTestEnvironment
