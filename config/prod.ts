/** Production build: minified JS, styles and templates (the devtools' code-quality checks ask for it). */
import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
