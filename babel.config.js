// babel-preset-taro for the app; jest's node tests reuse it (TypeScript + modern syntax).
// The weapp build targets the oldest engine base library 2.15.0 runs on (iOS 10's JavaScriptCore,
// ES2015 complete): lowering classes, generators and spread to ES5 for iOS 8 cost the main package
// tens of KB of helpers and state machines no supported phone needs. H5 keeps package.json's list.
// `a ?? b` and `a?.b` lowered for iOS 10 test `a != null` once instead of against null and undefined
// apart: only document.all tells them apart, and no code of ours ever sees it.
const weapp = process.env.TARO_ENV === 'weapp'

module.exports = {
  assumptions: { noDocumentAll: true },
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(weapp ? { targets: { ios: '10' } } : {}),
      },
    ],
  ],
}
