export default definePageConfig({
  navigationBarTitleText: '邮箱绑定',
  enablePullDownRefresh: true,
})
