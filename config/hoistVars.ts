import TerserPlugin from 'terser-webpack-plugin'
import type { MinifyOptions } from 'terser'
import type Chain from 'webpack-chain'

// The app's own chunk (common.js: the embedded backend, stores, policy) is smaller with its var
// declarations hoisted, the vendor and Taro chunks larger: common.js gets a terser pass of its own.
const COMMON = /^common\.js$/

type TerserArgs = TerserPlugin.BasePluginOptions & { terserOptions: MinifyOptions }

/** Minifies common.js with hoist_vars on, every other chunk with the terser options as given. */
export function hoistVarsInCommon(chain: Chain): void {
  // webpack-chain keeps its minimizers in a map its types leave out; none in a dev build
  const minimizers = (chain.optimization as unknown as { minimizers: Map<string, unknown> }).minimizers
  if (!minimizers.has('terserPlugin')) return
  const terser = chain.optimization.minimizer('terserPlugin')
  const [options] = terser.get('args') as [TerserArgs]
  terser.tap(() => [{ ...options, exclude: COMMON }])
  const common: TerserArgs = {
    ...options,
    include: COMMON,
    terserOptions: {
      ...options.terserOptions,
      compress: { ...(options.terserOptions.compress as object), hoist_vars: true },
    },
  }
  // (the plugin's types are bound to another copy of terser's than the one Taro passes options for)
  chain.optimization
    .minimizer('terserCommon')
    .use(TerserPlugin, [common] as unknown as ConstructorParameters<typeof TerserPlugin>)
}
