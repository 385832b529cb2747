// Stands in for @aws-sdk/credential-provider-node inside Lambda bundles (see lambda-esbuild.config.cjs):
// the Lambda runtime, and the local runtime, always put credentials in the environment.
const { fromEnv } = require('@aws-sdk/credential-provider-env');

exports.defaultProvider = () => fromEnv();
