import { SetMetadata } from '@nestjs/common';
import type { OAuthScope } from '@payrail/contracts';

export const REQUIRED_SCOPE = 'payrail:required-scope';

/**
 * The OAuth scope an access token needs for this route (see `OAuthScopes`). API keys are not scoped. A
 * route that declares none cannot be called with an access token at all.
 */
export const RequiresScope = (scope: OAuthScope) => SetMetadata(REQUIRED_SCOPE, scope);
