// esbuild settings for every Lambda bundle (used by each app's `build` target through
// @nx/esbuild's esbuildConfig, and by the determinism test).
const path = require('node:path');

module.exports = {
  // ES module builds of the AWS SDK tree-shake far better than its CommonJS builds.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // Lambda's nodejs24.x runtime loads index.handler from index.js.
  outExtension: { '.js': '.js' },
  minify: true,
  sourcemap: false,
  alias: {
    // On Lambda, credentials always come from the environment. Aliasing the SDK's default
    // provider chain to the environment provider drops SSO/STS/IMDS/INI code (~130 KB per bundle).
    '@aws-sdk/credential-provider-node': path.join(__dirname, 'lambda-credentials.cjs'),
  },
};
