// @ts-check
/** ts-jest transpiles only (isolatedModules in tsconfig): type checking is `npm run typecheck`'s job, tests only transpile. */
/** @type {import('jest').Config['transform']} */
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }],
};

/** @type {import('jest').Config} */
const config = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/{unit,functions,localcloud,build}/**/*.test.ts'],
      transform: tsJest,
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/pages'],
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/pages/setup.ts'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/pages/tsconfig.json' }],
      },
    },
  ],
};

module.exports = config;
