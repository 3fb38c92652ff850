export default definePageConfig({
  navigationBarTitleText: '搜索邮件',
  onReachBottomDistance: 200,
})
