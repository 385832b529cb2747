// `nx run docs:pdf-test` (part of `npm test`): builds the PDF with Chromium and reads it back with
// poppler's pdftotext. Its own target, so that builds without Chromium (the pipeline's CodeBuild
// image) can run every other test.
module.exports = {
  displayName: 'docs-pdf',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/pdf/**/*.test.ts'],
};
