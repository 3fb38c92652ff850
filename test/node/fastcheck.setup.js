// Property tests run with one fixed seed so CI is repeatable (some assert that their random runs
// really exercised the rule). Explore other seeds locally: FC_SEED=random npm test, or FC_SEED=123.
const fc = require('fast-check')

const seed = process.env.FC_SEED
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261121 })
