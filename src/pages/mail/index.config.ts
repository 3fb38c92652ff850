export default definePageConfig({
  navigationBarTitleText: '邮件',
  enablePullDownRefresh: true,
})
