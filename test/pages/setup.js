// Load Taro once before the test utils so the H5 router/taro circular import resolves in order.
require('@tarojs/taro')

// Page hooks (useDidShow, usePullDownRefresh …) read React from the framework runtime, which the app
// entry normally registers; do the same here so pages can be mounted on their own.
const React = require('react')
const ReactDOMClient = require('react-dom/client')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

runtime.createReactApp((props) => props.children, React, ReactDOMClient, { pages: [] })
runtime.connectReactPage(React, 'test-page')(() => null)
