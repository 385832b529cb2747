module.exports = { displayName: 'fulfill-order', preset: '../../jest.preset.cjs', rootDir: __dirname };
