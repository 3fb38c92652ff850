// babel-preset-taro for the app; jest's node tests reuse it (TypeScript + modern syntax).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
