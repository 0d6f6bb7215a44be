/**
 * Taro build configuration shared by weapp and H5. Output goes to dist/<platform>. The app reads
 * TARO_APP_CLOUD_ENV and TARO_APP_GATEWAY_URL from the environment at build time.
 */
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
// JSON, not the .ts beside it: Taro's config loader compiles only this folder.
import templates from '../src/contracts/subscribe-templates.json';
import devConfig from './dev';
import prodConfig from './prod';

export default defineConfig<'webpack5'>(async (merge) => {
  const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? '';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gift-card-center',
    date: '2026-11-22',
    // NutUI is drawn at 375; the whole app uses the same width so 1px in styles is 1px on an iPhone.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // OUTPUT_ROOT: a second build beside the usual one (the simulator's cloud-env build, dist/weapp-cloud).
    outputRoot: process.env.OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Build-time settings from the environment (never committed): see README, Configuration.
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(cloudEnv),
      // With a cloud env the app never calls the gateway: no local address goes into a release build
      // (npm run deploy:check refuses a dist/weapp that holds one).
      'process.env.TARO_APP_GATEWAY_URL': JSON.stringify(
        process.env.TARO_APP_GATEWAY_URL ?? (cloudEnv ? '' : 'http://127.0.0.1:8787'),
      ),
      // The https origin whose links open the mini-program (its "scan a normal link" rule); gift QR codes point there.
      'process.env.TARO_APP_SHARE_ORIGIN': JSON.stringify(process.env.TARO_APP_SHARE_ORIGIN ?? ''),
      // The subscribe-message template ids the app asks users to accept: the same TEMPLATE_* variables
      // the functions are deployed with, the local cloud's ids when unset (src/contracts/subscribe-templates.ts).
      'process.env.TARO_APP_TEMPLATE_IDS': JSON.stringify(
        JSON.stringify(
          Object.fromEntries(
            Object.entries(templates.settings).map(([kind, setting]) => [
              kind,
              process.env[setting] ?? templates.localIds[kind as keyof typeof templates.localIds],
            ]),
          ),
        ),
      ),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Component styles are scoped by their own class names (BEM), so their order in a shared chunk
      // doesn't matter: as on H5, no "conflicting order" warnings when pages import them differently.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Images load as files of their own (the tab bar's icons): inlined, they were 14 KB of the
      // first load's JavaScript (gzip can't shrink a PNG).
      imageUrlLoaderOption: { limit: 1 },
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro.request bundles a fetch polyfill, an AbortController polyfill and a JSONP client on
        // every first load. The browsers we build for (package.json browserslist: Chrome >= 80,
        // iOS >= 13, which WeChat's in-app browser and current phones run) have fetch and
        // AbortController, and the app never asks for JSONP.
        const stub = (file: string): string => path.join(__dirname, 'h5-stubs', file);
        chain.resolve.alias
          .set('whatwg-fetch$', stub('empty.js'))
          .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', stub('empty.js'))
          .set('jsonp-retry$', stub('jsonp-retry.js'));
        // H5_STATS=<file>: write webpack's module/chunk stats, to see what the first load carries.
        const statsFile = process.env.H5_STATS;
        if (statsFile) {
          chain.plugin('stats-file').use(
            class {
              apply(compiler: import('webpack').Compiler): void {
                compiler.hooks.done.tap('stats-file', (stats) => {
                  const json = stats.toJson({
                    all: false,
                    chunks: true,
                    chunkModules: true,
                    dependentModules: true,
                    nestedModules: true,
                    chunkModulesSpace: Infinity,
                    nestedModulesSpace: Infinity,
                    ids: true,
                  });
                  require('node:fs').writeFileSync(statsFile, JSON.stringify(json));
                });
              }
            },
          );
        }
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
