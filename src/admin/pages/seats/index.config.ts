export default definePageConfig({
  navigationBarTitleText: '高级功能账号',
  enablePullDownRefresh: true,
})
