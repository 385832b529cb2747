// `nx run docs:pdf-test` (part of `npm test`): builds the PDF with the packaged Chromium and reads it
// back with pdfjs-dist. Its own target, apart from `docs:test`: building the PDF takes half a minute.
module.exports = {
  displayName: 'docs-pdf',
  preset: '../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/pdf/**/*.test.ts'],
};
