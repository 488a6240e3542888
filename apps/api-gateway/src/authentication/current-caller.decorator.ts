import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';

export interface AuthenticatedRequest {
  caller: Caller;
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
});
