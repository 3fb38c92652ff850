export default definePageConfig({
  navigationBarTitleText: '邮件',
})
