module.exports = { displayName: 'local-client', preset: '../../jest.preset.cjs', rootDir: __dirname };
