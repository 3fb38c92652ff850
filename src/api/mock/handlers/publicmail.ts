// Business mailbox administration (product spec 3, api.md "Business mailboxes (admin)").
// Every API is admin-only and locked during a migration (contract/publicmail.ts); the rules live in src/policy/.
import { createPublicmail } from '../publicmail/create'
import {
  actEmail,
  deleteAuthCodeApi,
  deletePublicmail,
  getAuthCodeList,
  getPublicmails,
  getQuota,
  searchPublicmails,
} from '../publicmail/manage'
import { recycleList, recycleRestore } from '../publicmail/recycleApi'
import { vipBatchAdd, vipBatchDel, vipList } from '../publicmail/seats'
import { updatePublicmail } from '../publicmail/update'
import type { Handlers } from '../registry'

export const publicmailApis = {
  'exmail/publicmail/create': createPublicmail,
  'exmail/publicmail/update': updatePublicmail,
  'exmail/publicmail/delete': deletePublicmail,
  'exmail/publicmail/get': getPublicmails,
  'exmail/publicmail/search': searchPublicmails,
  'exmail/publicmail/get_auth_code_list': getAuthCodeList,
  'exmail/publicmail/delete_auth_code': deleteAuthCodeApi,
  'exmail/publicmail/quota': getQuota,
  'exmail/recycle/list': recycleList,
  'exmail/recycle/restore': recycleRestore,
  'exmail/account/act_email': actEmail,
  'exmail/vip/batch_add': vipBatchAdd,
  'exmail/vip/batch_del': vipBatchDel,
  'exmail/vip/list': vipList,
} satisfies Partial<Handlers>
