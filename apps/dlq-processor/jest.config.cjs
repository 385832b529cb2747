module.exports = { displayName: 'dlq-processor', preset: '../../jest.preset.cjs', rootDir: __dirname };
