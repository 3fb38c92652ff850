// Business mailbox administration (product spec 3, api.md "Business mailboxes (admin)").
// Every API is admin-only and locked during a migration; the rules live in src/policy/.
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
import type { ApiSpec, ApiTable, Handler } from '../registry'

const read = (handler: Handler): ApiSpec => ({ handler, admin: true, mailAdmin: true })
const write = (handler: Handler): ApiSpec => ({ handler, admin: true, mailAdmin: true, write: true })

export const publicmailApis: ApiTable = {
  'exmail/publicmail/create': write(createPublicmail),
  'exmail/publicmail/update': write(updatePublicmail),
  'exmail/publicmail/delete': write(deletePublicmail),
  'exmail/publicmail/get': read(getPublicmails),
  'exmail/publicmail/search': read(searchPublicmails),
  'exmail/publicmail/get_auth_code_list': read(getAuthCodeList),
  'exmail/publicmail/delete_auth_code': write(deleteAuthCodeApi),
  'exmail/publicmail/quota': read(getQuota),
  'exmail/recycle/list': read(recycleList),
  'exmail/recycle/restore': write(recycleRestore),
  'exmail/account/act_email': write(actEmail),
  'exmail/vip/batch_add': write(vipBatchAdd),
  'exmail/vip/batch_del': write(vipBatchDel),
  'exmail/vip/list': read(vipList),
}
