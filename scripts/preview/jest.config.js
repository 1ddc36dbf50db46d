// @ts-check
/** Step 1 of `npm run preview`: the scenes rendered to HTML by jest (the page tests' harness and mocks). */
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
/** @type {import('jest').Config} */
module.exports = {
  rootDir: root,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/preview'],
  testMatch: ['<rootDir>/tests/preview/render.preview.ts'],
  setupFiles: ['<rootDir>/tests/pages/setup.ts'],
  testTimeout: 60_000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/pages/tsconfig.json' }],
    '/miniprogram_npm/.+\\.js$': '<rootDir>/tests/pages/esm-transform.js',
  },
};
