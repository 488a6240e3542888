import { Reflector } from '@nestjs/core';
import { Access, ALLOWS_PUBLISHABLE_KEY, IS_PUBLIC, REQUIRED_SCOPE } from './access.decorator.js';

class Routes {
  @Access({ public: true }) health() {}
  @Access({ scope: 'payments:read', publishableKey: true }) retrieve() {}
  @Access({ scope: 'refunds:write' }) refund() {}
}

@Access({ scope: 'webhooks:manage' })
class ScopedRoutes {}

describe('@Access, a route\'s policy in one decorator', () => {
  const reflector = new Reflector();
  const policyOf = (target: object) => ({
    public: reflector.get<boolean | undefined>(IS_PUBLIC, target as () => void),
    scope: reflector.get<string | undefined>(REQUIRED_SCOPE, target as () => void),
    publishableKey: reflector.get<boolean | undefined>(ALLOWS_PUBLISHABLE_KEY, target as () => void),
  });

  it('keeps each part under the metadata key its readers (the guard, the API reference) look up, and only the parts named', () => {
    expect(policyOf(Routes.prototype.health)).toEqual({ public: true, scope: undefined, publishableKey: undefined });
    expect(policyOf(Routes.prototype.retrieve)).toEqual({ public: undefined, scope: 'payments:read', publishableKey: true });
    expect(policyOf(Routes.prototype.refund)).toEqual({ public: undefined, scope: 'refunds:write', publishableKey: undefined });
  });

  it('applies to a controller class as well', () => {
    expect(policyOf(ScopedRoutes)).toEqual({ public: undefined, scope: 'webhooks:manage', publishableKey: undefined });
  });
});
