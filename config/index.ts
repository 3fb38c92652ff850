import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { hoistVarsInCommon } from './hoistVars'
import { ModuleMapPlugin } from './moduleMap'

// One config for both targets: weapp → dist/weapp (opened by WeChat DevTools), h5 → dist/h5.
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'biz-mailbox',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // BIZMAIL_DIST lets parallel builds (e2e runs side by side) write to their own folders.
    outputRoot: process.env.BIZMAIL_DIST || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // 'mock' (default, in-process backend) or 'http' (the server at TARO_APP_API_BASE)
      API_TRANSPORT: JSON.stringify(process.env.TARO_APP_API_TRANSPORT || 'mock'),
      API_BASE_URL: JSON.stringify(process.env.TARO_APP_API_BASE || ''),
      // http builds: 'wecom' (default) or 'dev' (the demo picker logs in at a BIZMAIL_DEV=1 server)
      API_LOGIN: JSON.stringify(process.env.TARO_APP_API_LOGIN === 'dev' ? 'dev' : 'wecom'),
      API_CORPID: JSON.stringify(process.env.TARO_APP_CORPID || ''),
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    copy: {
      patterns:
        process.env.TARO_ENV === 'weapp'
          ? [{ from: 'src/theme.json', to: `${process.env.BIZMAIL_DIST || 'dist/weapp'}/theme.json` }]
          : [],
      options: {},
    },
    // UTF-8 output: the demo data and the pinyin table are Chinese text, and \uXXXX escapes would
    // double their size in the weapp main package (700 KB budget).
    // Taro's weapp defaults switch off most of terser's compress passes (inlining, variable
    // reduction, …); terser's own defaults, as webpack uses them for the web, take ~8 KB off the
    // main package. typeofs stays off (typeof wx / window checks of an undeclared global).
    // A second pass, and hoisted vars in common.js only (config/hoistVars.ts), take 2.7 KB more off
    // the mock main package and 0.7 KB off the http one (687.3 → 684.6, 466.5 → 465.8 KB, measured
    // 2026-12-03). pure_getters and unsafe would take more but may drop a MobX read kept for its
    // tracking, or turn String(symbol) into a throw.
    terser: {
      enable: true,
      config: {
        output: { ascii_only: false },
        compress: {
          collapse_vars: true,
          comparisons: true,
          computed_props: true,
          hoist_props: true,
          inline: true,
          loops: true,
          properties: true,
          reduce_funcs: true,
          reduce_vars: true,
          switches: true,
          passes: 2,
        },
      },
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      optimizeMainPackage: { enable: true },
      // valibot (the contract's schemas, mock backend only) ships ES2018 syntax: babel lowers it
      // for the oldest engine like our own code.
      compile: { include: [(modulePath: string) => modulePath.includes('node_modules/valibot/')] },
      // Taro unrolls its recursive templates baseLevel times into base.wxml; deeper trees fall back
      // to its `comp` component (one more custom-component instance per subtree). Measured
      // 2026-12-01 (`npm run size`, and `npm run test:weapp` journey 1's depth / comp figures):
      //   baseLevel  base.wxml  mock main pkg  comp instances (directory / department page)
      //    8         39.3 KB    728.8 KB       29 / 13
      //   10         44.8 KB    735.6 KB        1 / 2
      //   11         47.5 KB    738.3 KB        0 / 0   ← the directory's deepest node is at 10
      //   12         50.3 KB    740.6 KB        0 / 0
      //   16         61.2 KB    751.5 KB        0 / 0
      // 11 is the smallest with no fallback: 8 KB for 29 component instances on a scrolling list.
      ...{ baseLevel: 11 }, // read by the weapp template builder, missing from Taro 4's config types
      miniCssExtractPluginOption: { ignoreOrder: true },
      // BIZMAIL_STATS=1: <output>.modules.json beside the build (not in it), for `npm run size -- --why`.
      webpackChain(chain) {
        const out = process.env.BIZMAIL_DIST || `dist/${process.env.TARO_ENV}`
        if (process.env.BIZMAIL_STATS) chain.plugin('moduleMap').use(ModuleMapPlugin, [`${out}.modules.json`])
        // @tarojs/components-advanced 4.2.0 brings its own @tarojs/taro + api 4.2.0: a second Taro
        // object (3 KB) beside the app's. One copy, as Taro itself does for runtime and shared.
        for (const pkg of ['@tarojs/taro', '@tarojs/api'])
          chain.resolve.alias.set(`${pkg}$`, path.resolve(__dirname, '..', 'node_modules', pkg))
        hoistVarsInCommon(chain)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      router: { mode: 'hash' },
      // Each page is already its own lazy chunk (the router imports it on first visit), but the
      // code the admin or settings pages share was copied into every one of their chunks: one chunk
      // per area instead, fetched with its first page, as the weapp sub-packages are.
      // BIZMAIL_H5_SPLIT=0 builds without it, for comparison.
      webpackChain(chain) {
        if (process.env.BIZMAIL_H5_SPLIT === '0') return
        const split = (chain.optimization.get('splitChunks') || {}) as { cacheGroups?: object }
        const area = (name: string, test: RegExp) => ({
          name,
          test,
          chunks: 'async',
          enforce: true,
          priority: 30,
        })
        chain.optimization.splitChunks({
          ...split,
          cacheGroups: {
            ...(split.cacheGroups || {}),
            admin: area('admin', /[\\/]src[\\/]admin[\\/]/),
            settings: area('settings', /[\\/]src[\\/](settings[\\/]|stores[\\/]settings)/),
            // what several lazy pages of different areas share: one copy, when it is worth a request
            // (Taro's minSize 0 would cut the first load into a dozen requests of 1 KB on a 170 ms RTT)
            lazyShared: {
              chunks: 'async',
              minChunks: 2,
              minSize: 30_000,
              priority: 10,
              reuseExistingChunk: true,
            },
          },
        })
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
