module.exports = { displayName: 'tooling', preset: '../../jest.preset.cjs', rootDir: __dirname };
