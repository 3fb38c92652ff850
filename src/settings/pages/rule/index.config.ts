export default definePageConfig({
  navigationBarTitleText: '编辑收信规则',
})
