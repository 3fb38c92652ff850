export default definePageConfig({
  navigationBarTitleText: '邮箱设置',
  enablePullDownRefresh: true,
})
