// Pull-down refresh on the mini-program only: in H5 the page-level gesture would fight the list's
// own scrolling (the page itself never scrolls; the virtual list does). H5 reloads on show instead.
export default definePageConfig({
  navigationBarTitleText: '通讯录',
  enablePullDownRefresh: process.env.TARO_ENV === 'weapp',
})
