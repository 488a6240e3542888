export * from './embedded-postgres.js';
export { makePrivateDirectory } from './embedded/private-directory.js';
export * from './database.module.js';
export * from './run-migrations.js';
export * from './tokens.js';
export * from './keyset-page.js';
export * from './periodic-task.js';
export * from './periodic-purger.js';
export * from './created-filter.js';
