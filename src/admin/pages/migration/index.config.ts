export default definePageConfig({
  navigationBarTitleText: '邮箱迁移',
  enablePullDownRefresh: false,
})
