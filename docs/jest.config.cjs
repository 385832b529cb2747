// The diagram and generator tests; the PDF itself is checked by jest.pdf.config.cjs (target
// docs:pdf-test), which needs Chromium.
module.exports = {
  displayName: 'docs',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/pdf/'],
  // marked ships ES modules only; jest's CommonJS runtime needs it transformed.
  transformIgnorePatterns: ['/node_modules/(?!(@apidevtools|marked)/)'],
};
