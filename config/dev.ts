/** Development build: the H5 dev server forwards /api to the local cloud (npm run dev). */
import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {},
  h5: {
    devServer: {
      proxy: { '/api': { target: process.env.GATEWAY_PROXY_TARGET || 'http://127.0.0.1:8787', changeOrigin: true } },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
