/**
 * jest transform for the mini program's npm components: tdesign-miniprogram ships ES modules (WeChat's
 * compiler turns them into CommonJS when it packs them); esbuild does the same here, so the real
 * component code runs in page tests.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'es2020',
      sourcemap: true,
      sourcefile: filename,
    });
    return { code, map };
  },
};
