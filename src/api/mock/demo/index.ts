// Built-in demo data for `npm start`: corps, a realistic directory, business mailboxes and mail.
import type { CorpSetup } from '../../contract'
import type { MockEnv } from '../env'
import { stateFromSetups } from '../seed'
import type { BackendState } from '../state'
import { seedDirectoryDemo } from './directory'
import { seedMailboxDemo } from './mailboxes'
import { seedMailDemo } from './mail'

export const DEMO_CORPID = 'wwdemo'
export const DEMO_SECOND_CORPID = 'wwdemo2'
/** 张伟 created both demo orgs: the same WeCom account makes him their common creator */
export const DEMO_CREATOR_ACCOUNT = 'wx-zhangwei'

export const DEMO_CORPS: CorpSetup[] = [
  {
    corpid: DEMO_CORPID,
    name: '星河科技',
    creator: 'zhangwei',
    creatorAccount: DEMO_CREATOR_ACCOUNT,
    admins: ['zhangwei', 'lina'],
    edition: 'advanced',
    advancedSeats: 5,
    domain: { name: 'xinghe.com', kind: 'custom' },
  },
  {
    corpid: DEMO_SECOND_CORPID,
    name: '星河科技（集团）',
    creator: 'zhangwei',
    creatorAccount: DEMO_CREATOR_ACCOUNT,
    edition: 'basic',
    domain: { name: 'xinghe-group.wecom.work', kind: 'experience' },
  },
]

export async function demoState(env: MockEnv): Promise<BackendState> {
  const state = stateFromSetups(DEMO_CORPS)
  // Order matters: mailboxes need members, mail needs mailboxes.
  seedDirectoryDemo(state, env)
  await seedMailboxDemo(state, env)
  seedMailDemo(state, env)
  return state
}
