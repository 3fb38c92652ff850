// Every backend in the node tests checks, after each call, that no write bypassed the transaction's
// tracking (a write that did would be neither saved nor undone). See src/api/mock/index.ts.
globalThis.__BIZMAIL_VERIFY_WRITES__ = true
