import TerserPlugin from 'terser-webpack-plugin'
import type { MinifyOptions } from 'terser'
import type Chain from 'webpack-chain'

// The app's own chunk (common.js: the embedded backend, stores, policy) is smaller with its var
// declarations hoisted, the vendor and Taro chunks larger: common.js gets a terser pass of its own.
// It also turns the function expressions that never read `this` into arrows (unsafe_arrows: safe
// for our TypeScript, whose constructors are all classes; never on the vendor chunk's libraries):
// 686.7 → 683.1 KB mock, 465.8 → 464.6 KB http main package (measured 2026-12-04).
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
      compress: {
        ...(options.terserOptions.compress as object),
        hoist_vars: true,
        ecma: 2015,
        arrows: true,
        unsafe_arrows: true,
      },
      output: { ...(options.terserOptions.output as object), ecma: 2015 },
    },
  }
  // (the plugin's types are bound to another copy of terser's than the one Taro passes options for)
  chain.optimization
    .minimizer('terserCommon')
    .use(TerserPlugin, [common] as unknown as ConstructorParameters<typeof TerserPlugin>)
}
