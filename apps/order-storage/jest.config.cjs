module.exports = { displayName: 'order-storage', preset: '../../jest.preset.cjs', rootDir: __dirname };
