export default definePageConfig({
  navigationBarTitleText: '通讯录查看权限',
  enablePullDownRefresh: true,
})
