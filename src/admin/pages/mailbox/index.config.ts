export default definePageConfig({
  navigationBarTitleText: '新建业务邮箱',
  enablePullDownRefresh: false,
})
