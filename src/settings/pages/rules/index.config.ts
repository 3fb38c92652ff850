export default definePageConfig({
  navigationBarTitleText: '收信规则',
})
