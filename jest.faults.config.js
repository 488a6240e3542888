/** The fault-injection suite (`npm run test:faults`): apart from `npm test`'s projects, as it kills and pauses what it starts. */
import base from './jest.config.js';

const { displayName: _unit, testMatch: _unitMatch, ...common } = base.projects[0];

export default {
  ...common,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 600000,
  reporters: ['default', '<rootDir>/test/faults/tally-reporter.mjs'],
};
