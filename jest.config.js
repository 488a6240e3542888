/** Unit and integration specs live beside the code; cross-service e2e specs under test/. */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    // docs.controller.ts imports the committed openapi.json with { type: 'json' }, which Node and Jest require.
    experimental: { keepImportAttributes: true },
  },
  module: { type: 'es6' },
}];
const libs = ['domain', 'contracts', 'signing', 'errors', 'messaging', 'persistence', 'testing'];
const moduleNameMapper = {
  ...Object.fromEntries(libs.map((lib) => [`^@payrail/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`])),
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.ci/', '<rootDir>/.payrail/'],
};

export default {
  // Jest reads testTimeout from the global config only; the integration and e2e suites need the minute.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    // Against Postgres (embedded PGlite, or DATABASE_URL) and the transport (in-process, or KAFKA_BROKERS).
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/test/integration/**/*.int-spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
