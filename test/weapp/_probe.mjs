import { launch, IDENTITIES } from './harness.mjs'
const h = await launch({ dist: process.argv[2], url: '/admin/pages/home/index', identity: IDENTITIES.admin })
console.log(h.text().slice(0, 300), h.failures, h.logic.records.logs)
h.close()
