import 'reflect-metadata';

const SECRET_SETTINGS = Symbol('payrail:secret-settings');
export const MASKED = '[REDACTED]';

/** Marks a setting as a secret: `maskSecrets` never shows its value. */
export function Secret(): PropertyDecorator {
  return (target, property) => {
    const names: string[] = Reflect.getMetadata(SECRET_SETTINGS, target) ?? [];
    Reflect.defineMetadata(SECRET_SETTINGS, [...names, String(property)], target);
  };
}

/** The settings as they may be logged: secrets replaced, and the password in any URL with credentials. */
export function maskSecrets(config: object): Record<string, unknown> {
  const secrets = new Set<string>(Reflect.getMetadata(SECRET_SETTINGS, config) ?? []);
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, secrets.has(name) ? MASKED : typeof value === 'string' ? maskUrlPassword(value) : value]),
  );
}

function maskUrlPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, `$1${MASKED}@`);
}
