export default definePageConfig({
  navigationBarTitleText: '新建查看权限规则',
  enablePullDownRefresh: false,
})
