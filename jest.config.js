// @ts-check
/** ts-jest transpiles only (isolatedModules in tsconfig): type checking is `npm run typecheck`'s job, tests only transpile. */
/** @type {import('jest').Config['transform']} */
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }],
};

/**
 * Hooks and tests get the time what they start needs on a slow, busy machine: a mall of eight worker
 * processes, each loading wx-server-sdk through tsx, takes seconds on two loaded cores (jest's default of
 * 5 s gave up on it while it went on starting). A late start is stopped by tests/setup/localcloud.ts.
 */
const TEST_TIMEOUT_MS = 60_000;

/** @type {import('jest').Config} */
const config = {
  testTimeout: TEST_TIMEOUT_MS,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/{unit,functions,localcloud,build}/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/localcloud.ts'],
      testTimeout: TEST_TIMEOUT_MS,
      transform: tsJest,
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/pages'],
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/pages/setup.ts'],
      testTimeout: TEST_TIMEOUT_MS,
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/pages/tsconfig.json' }],
        // tdesign-miniprogram's components are ES modules
        '/miniprogram_npm/.+\\.js$': '<rootDir>/tests/pages/esm-transform.js',
      },
    },
  ],
};

module.exports = config;
