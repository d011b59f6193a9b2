const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Bundles our own code only; node_modules stay external and load from the workspace at runtime.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api'), clean: true },
  ignoreWarnings: [/Failed to parse source map/, /Critical dependency/],
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      outputHashing: 'none',
      optimization: false,
      generatePackageJson: false,
      externalDependencies: 'all',
      sourceMap: true,
      typeCheckOptions: false,
    }),
  ],
};
