import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';

/** A service's environment did not validate: every problem, each naming its variable (never its value). */
export class InvalidConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidConfigurationError';
  }
}

/** The variables a settings class declares (its validated properties, inherited ones included). */
export function settingNames(schema: new () => object): string[] {
  return [...new Set(getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false).map((rule) => rule.propertyName))];
}

/**
 * Validates an environment against a settings class at boot, failing fast with every bad variable named.
 * Only the declared variables are carried over (the rest of the environment never reaches a log), and an
 * empty variable counts as unset, as `X=` in a compose file or shell means.
 */
export function validateConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): T {
  const set = Object.fromEntries(settingNames(schema).flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
  const config = plainToInstance(schema, set, { enableImplicitConversion: true, excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    // class-validator's messages name the property and the rule (`PORT must not be greater than 65535`), never the value.
    throw new InvalidConfigurationError(errors.map((error) => Object.values(error.constraints ?? {}).join(', ') || `${error.property} is invalid`));
  }
  return config;
}

/**
 * Runs every loader of a service's configuration and throws once with the problems of all of them, so
 * that an operator fixes a deployment in one round rather than one variable per restart.
 */
export function loadTogether<T extends readonly unknown[]>(...loaders: { [K in keyof T]: () => T[K] }): T {
  const problems: string[] = [];
  const results = loaders.map((load) => {
    try {
      return load();
    } catch (error) {
      if (error instanceof InvalidConfigurationError) problems.push(...error.problems);
      else problems.push((error as Error).message);
      return undefined;
    }
  });
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  return results as unknown as T;
}
