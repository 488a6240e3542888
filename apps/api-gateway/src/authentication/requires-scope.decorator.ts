import { SetMetadata } from '@nestjs/common';
import type { OAuthScope } from '@payrail/contracts';
import { REQUIRED_SCOPE } from './access.decorator.js';

/** Being replaced by @Access({ scope }). */
export const RequiresScope = (scope: OAuthScope) => SetMetadata(REQUIRED_SCOPE, scope);
