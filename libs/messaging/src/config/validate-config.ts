import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Validates a service's environment at boot and fails fast, naming every bad variable (never its value). */
export function validateConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: true, excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.map((error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}
