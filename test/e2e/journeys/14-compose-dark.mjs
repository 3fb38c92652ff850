// Compose (issue 17), dark scheme: see ../compose.mjs.
import { composeJourney } from '../compose.mjs'

export const name = '写邮件（深色）：收件人标签、空主题先确认、未改动不留草稿、深链接发送回到列表'
export const colorScheme = 'dark'

export function run(ctx) {
  return composeJourney(ctx, '-dark')
}
