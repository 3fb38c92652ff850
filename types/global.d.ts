/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

/** injected by config/index.ts defineConstants */
declare const API_TRANSPORT: 'mock' | 'http'
declare const API_BASE_URL: string
/** how an http build logs in: 'wecom' (wx.qy.login / WeCom OAuth) or 'dev' (a dev server's picker) */
declare const API_LOGIN: 'wecom' | 'dev'
/** the corp's id, for the WeCom OAuth redirect of the H5 page */
declare const API_CORPID: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'tt' | 'alipay' | 'swan' | 'qq' | 'jd' | 'harmony' | 'rn'
    TARO_APP_ID: string
  }
}
