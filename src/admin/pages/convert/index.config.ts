export default definePageConfig({
  navigationBarTitleText: '移入成员邮箱',
  enablePullDownRefresh: false,
})
