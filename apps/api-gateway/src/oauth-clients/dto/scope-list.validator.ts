import { OAuthScopes, isOAuthScope } from '@payrail/contracts';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Enough of an unknown scope to recognise it in the error, not a way to echo whatever was sent. */
const SHOWN_SCOPE_LENGTH = 64;

/** What is wrong with a list of scopes, or undefined when it is a non-empty list of distinct catalogue scopes. */
export function scopeListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return `give at least one scope, from: ${OAuthScopes.join(', ')}.`;
  const seen = new Set<string>();
  for (const scope of value as unknown[]) {
    if (!isOAuthScope(scope)) {
      const shown = typeof scope === 'string' ? `'${scope.slice(0, SHOWN_SCOPE_LENGTH)}'` : `a ${typeof scope}`;
      return `unknown scope ${shown}. The scopes are: ${OAuthScopes.join(', ')}.`;
    }
    if (seen.has(scope)) return `the scope '${scope}' is listed more than once.`;
    seen.add(scope);
  }
  return undefined;
}

/** OAuth scopes from the catalogue (`scopes[]=a&scopes[]=b`, or a JSON array): at least one, each once. */
export function IsScopeList(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isScopeList',
      target: target.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => scopeListProblem(args.value) ?? 'is invalid', ...options },
      validator: { validate: (value: unknown) => scopeListProblem(value) === undefined },
    });
}
