/** The auth service's own Postgres schema: no other service reads it. */
export const AUTH_SCHEMA = 'auth';
