export default definePageConfig({
  navigationBarTitleText: '演示工具',
})
