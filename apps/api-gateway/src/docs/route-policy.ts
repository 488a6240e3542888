import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA } from '@nestjs/common/constants.js';
import type { Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { SecurityRequirementObject } from '@nestjs/swagger';
import { isOperatorScope, type RouteScope } from '@payrail/contracts';
import { ALLOWS_PUBLISHABLE_KEY, IS_PUBLIC, REQUIRED_SCOPE } from '../authentication/access.decorator.js';
import { SignedRequestsOnly } from '../surfaces/gateway-api/signed-requests-only.guard.js';
import { Schemes } from './security-schemes.js';

/** What a route's authentication decorators and guards say about who may call it, as the edge enforces it. */
export interface RoutePolicy {
  security: SecurityRequirementObject[];
  isPublic: boolean;
  /** False for the product documents' surfaces, whose exception filters answer in their own error bodies. */
  answersStripeErrors: boolean;
}

const reflector = new Reflector();

/** Read from the same metadata keys the AuthenticationGuard reads, so that the reference cannot claim another policy. */
export function routePolicyOf(controller: Type, handler: (...args: never[]) => unknown): RoutePolicy {
  const targets = [handler, controller];
  const answersStripeErrors = reflector.getAllAndMerge<unknown[]>(EXCEPTION_FILTERS_METADATA, targets).length === 0;
  if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return { security: [], isPublic: true, answersStripeErrors };
  if (reflector.getAllAndMerge<unknown[]>(GUARDS_METADATA, targets).includes(SignedRequestsOnly)) {
    return { security: [{ [Schemes.signedRequest]: [] }], isPublic: false, answersStripeErrors };
  }
  const scope = reflector.getAllAndOverride<RouteScope | undefined>(REQUIRED_SCOPE, targets);
  if (isOperatorScope(scope)) return { security: [{ [Schemes.oauth2]: [scope] }], isPublic: false, answersStripeErrors };
  const security: SecurityRequirementObject[] = [{ [Schemes.secretKey]: [] }, { [Schemes.secretKeyBasic]: [] }, { [Schemes.signedRequest]: [] }];
  if (reflector.getAllAndOverride<boolean>(ALLOWS_PUBLISHABLE_KEY, targets)) security.push({ [Schemes.publishableKey]: [] });
  if (scope) security.push({ [Schemes.oauth2]: [scope] });
  return { security, isPublic: false, answersStripeErrors };
}
