import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { stores } from './stores'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void stores.session.restore()
  })
  return children
}

export default App
