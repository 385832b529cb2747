module.exports = { displayName: 'terraform', preset: '../jest.preset.cjs', rootDir: __dirname };
