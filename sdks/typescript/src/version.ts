/** Kept equal to package.json's version (the SDK's tests check it); major.minor follow the API's. */
export const SDK_VERSION = '1.0.0';
