// The company directory: departments, members, tags, visibility rules (api.md "Directory").
import type { Handlers } from '../registry'
import { contactRuleApis } from '../directory/contactRules'
import { departmentApis } from '../directory/departments'
import { memberApis } from '../directory/members'
import { tagApis } from '../directory/tags'

export { visibleTo } from '../directory/visibility'

export const directoryApis = {
  ...departmentApis,
  ...memberApis,
  ...tagApis,
  ...contactRuleApis,
} satisfies Partial<Handlers>
