// Identities offered by the dev identity switcher (the demo data defines these members).
import type { CallContext } from '../api/contract'

export interface DemoIdentity extends CallContext {
  label: string
  note: string
}

export const DEMO_IDENTITIES: DemoIdentity[] = [
  { corpid: 'wwdemo', userid: 'zhangsan', label: '张三', note: '销售 · 普通成员' },
  { corpid: 'wwdemo', userid: 'lina', label: '李娜', note: '管理员' },
  { corpid: 'wwdemo', userid: 'zhangwei', label: '张伟', note: '创建者 · 管理员' },
  { corpid: 'wwdemo2', userid: 'zhangwei', label: '张伟（集团）', note: '第二个企业的创建者' },
]

export const DEFAULT_IDENTITY: CallContext = { corpid: 'wwdemo', userid: 'zhangsan' }
