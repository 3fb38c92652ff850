export default definePageConfig({
  navigationBarTitleText: '选择',
  enablePullDownRefresh: false,
})
