/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

/** injected by config/index.ts defineConstants */
declare const API_TRANSPORT: 'mock' | 'http'
declare const API_BASE_URL: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'tt' | 'alipay' | 'swan' | 'qq' | 'jd' | 'harmony' | 'rn'
    TARO_APP_ID: string
  }
}
