export default definePageConfig({
  navigationBarTitleText: '写邮件',
})
