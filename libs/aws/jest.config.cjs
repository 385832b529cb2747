module.exports = { displayName: 'aws', preset: '../../jest.preset.cjs', rootDir: __dirname, testTimeout: 20000 };
