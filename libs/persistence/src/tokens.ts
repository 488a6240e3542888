export const DATABASE_SCHEMA = Symbol('DATABASE_SCHEMA');
