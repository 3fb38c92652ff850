export default definePageConfig({
  navigationBarTitleText: '签名',
})
