import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiKeyType } from '@payrail/contracts';

export interface KeyTypedRequest {
  apiKeyType?: ApiKeyType;
}

/** Whether the caller used a secret or a publishable key; unset (no guard ran) counts as the weaker one. */
export const CurrentKeyType = createParamDecorator((_data: unknown, context: ExecutionContext): ApiKeyType => {
  return context.switchToHttp().getRequest<KeyTypedRequest>().apiKeyType ?? 'publishable';
});
