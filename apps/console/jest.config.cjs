module.exports = { displayName: 'console', preset: '../../jest.preset.cjs', rootDir: __dirname };
