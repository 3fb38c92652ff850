// Cold start and directory quality (issue 18), dark scheme: see ../directory-coldstart.mjs.
import { coldStartAndDirectory } from '../directory-coldstart.mjs'

export const name =
  '冷启动与通讯录（深色）：压缩与骨架屏、搜索分区与真实人数、翻页、拼音 A–Z、标签成员、可见范围树、切换后回到收件箱'
export const colorScheme = 'dark'

export function run(ctx) {
  return coldStartAndDirectory(ctx, '-dark')
}
