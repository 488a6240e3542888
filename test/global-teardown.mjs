import { stopProcess } from '../dist/libs/testing/src/index.js';

export default async function globalTeardown() {
  const platform = globalThis.__PAYRAIL_PLATFORM__;
  if (!platform) return;
  await Promise.all(platform.processes.map((child) => stopProcess(child)));
  await platform.dropDatabase?.();
}
