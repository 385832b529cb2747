module.exports = { displayName: 'api-handler', preset: '../../jest.preset.cjs', rootDir: __dirname };
