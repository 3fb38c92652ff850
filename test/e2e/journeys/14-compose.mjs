// Compose (issue 17): see ../compose.mjs.
import { composeJourney } from '../compose.mjs'

export const name =
  '写邮件：收件人标签（通讯录名、外部地址、无效地址）、空主题先确认、未改动不留草稿、深链接发送回到列表'

export function run(ctx) {
  return composeJourney(ctx)
}
