// Page map. Admin pages are a sub-package members never download.
const weapp = process.env.TARO_ENV === 'weapp'

function tab(pagePath: string, text: string, icon: string) {
  return {
    pagePath,
    text,
    iconPath: `assets/tab/${icon}.png`,
    selectedIconPath: `assets/tab/${icon}-active.png`,
  }
}

export default defineAppConfig({
  // Main package: the three tab pages only (WeChat requires tab pages there); every page they open
  // is in a sub-package preloaded when its tab shows, so the start-up download stays small.
  pages: ['pages/mail/index', 'pages/directory/index', 'pages/me/index'],
  subPackages: [
    // reading, writing and searching mail, opened from the mail tab (and the directory's 写邮件)
    { root: 'mail', pages: ['pages/read/index', 'pages/compose/index', 'pages/search/index'] },
    // a department below the root and a member's card, opened from the directory tab
    { root: 'contacts', pages: ['pages/dept/index', 'pages/member/index'] },
    // mailbox settings: opened now and then, so members download it on demand
    {
      root: 'settings',
      pages: [
        'pages/index/index',
        'pages/signature/index',
        'pages/rules/index',
        'pages/rule/index',
        'pages/binding/index',
        'pages/demo/index',
      ],
    },
    // admin area: only admins ever open it
    {
      root: 'admin',
      pages: [
        'pages/home/index',
        'pages/mailbox/index',
        'pages/detail/index',
        'pages/convert/index',
        'pages/picker/index',
        'pages/recycle/index',
        'pages/seats/index',
        'pages/rules/index',
        'pages/rule-edit/index',
        'pages/preview/index',
        'pages/migration/index',
      ],
    },
  ],
  // Each tab fetches the sub-packages its taps open, so read / compose / department / card open at
  // once; settings and admin load on demand (admins only, or now and then).
  preloadRule: {
    'pages/mail/index': { network: 'all', packages: ['mail'] },
    'pages/directory/index': { network: 'all', packages: ['contacts', 'mail'] },
  },
  window: {
    navigationBarTitleText: '企业邮箱',
    navigationBarBackgroundColor: weapp ? '@navBg' : '#ededed',
    navigationBarTextStyle: weapp ? ('@navText' as 'black') : 'black',
    backgroundColor: weapp ? '@bg' : '#ededed',
    backgroundTextStyle: 'light',
    // H5: Taro's own bar with back (and home on a deep-linked first page); outside WeCom's browser
    // it is the only way back. In WeChat / WeCom the host's bar is there already (index.html hides ours).
    navigationStyle: 'default',
  },
  tabBar: {
    color: weapp ? '@tabText' : '#7a7e83',
    selectedColor: weapp ? '@tabSelected' : '#07c160',
    backgroundColor: weapp ? '@tabBg' : '#f7f7f7',
    borderStyle: weapp ? ('@tabBorder' as 'black') : 'black',
    list: [
      tab('pages/mail/index', '邮件', 'mail'),
      tab('pages/directory/index', '通讯录', 'directory'),
      tab('pages/me/index', '我', 'me'),
    ],
  },
  ...(weapp ? { darkmode: true, themeLocation: 'theme.json' } : {}),
  // H5: Taro's page slide-in races with a quick browser back and can leave the previous page
  // shaded (blank); pages switch without the animation instead.
  ...(weapp ? {} : { animation: false }),
  lazyCodeLoading: 'requiredComponents',
})
