export default definePageConfig({
  navigationBarTitleText: '以成员身份预览',
  enablePullDownRefresh: false,
})
