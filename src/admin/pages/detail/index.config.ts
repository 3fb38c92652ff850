export default definePageConfig({
  navigationBarTitleText: '业务邮箱详情',
  enablePullDownRefresh: false,
})
