import { applyDecorators } from '@nestjs/common';
import type { ApiKeyType } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { ToArray } from './transforms.js';

/** How many paths one request may expand; qs turns longer `expand[n]` lists into objects anyway. */
export const MAX_EXPAND_PATHS = 100;

/**
 * Stripe's `expand`: `expand[]=x` / `expand[0]=x` in a form body or a query string, an array in JSON. Only the
 * shape is checked here; which paths can be expanded is the owning service's to say.
 */
export const IsExpandList = () =>
  applyDecorators(IsOptional(), ToArray(), IsArray(), ArrayMaxSize(MAX_EXPAND_PATHS), IsString({ each: true }), MaxLength(5000, { each: true }));

/** What client-side code (a publishable key with the client secret) may expand: the card it pays with, nothing about the merchant's customer. */
const PUBLISHABLE_EXPANDABLE = new Set(['payment_method']);

export function assertExpandableWithKey(keyType: ApiKeyType, expand: string[] | undefined): void {
  if (keyType !== 'publishable') return;
  expand?.forEach((path, index) => {
    if (!PUBLISHABLE_EXPANDABLE.has(path)) {
      throw new PayrailError('parameter_invalid', `This property cannot be expanded with a publishable key (${path}).`, { param: `expand[${index}]` });
    }
  });
}
