// `npm start`: production H5 build with the embedded mock backend (demo data), served locally.
import { spawnSync } from 'node:child_process'
import { serve } from './serve.mjs'

const port = Number(process.env.PORT ?? 10086)
if (!process.argv.includes('--no-build')) {
  console.log('构建 H5 (生产模式)…')
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
const { url } = await serve(process.env.BIZMAIL_DIST || 'dist/h5', port, process.env.HOST ?? '127.0.0.1')
console.log(`\n企业邮箱（H5，内置模拟后端，演示数据）已启动：${url}`)
console.log('数据保存在浏览器本地存储中；按 Ctrl+C 退出。')
