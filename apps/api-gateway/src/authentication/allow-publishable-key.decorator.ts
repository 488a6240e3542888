import { SetMetadata } from '@nestjs/common';
import { ALLOWS_PUBLISHABLE_KEY } from './access.decorator.js';

/** Being replaced by @Access({ publishableKey: true }). */
export const AllowPublishableKey = () => SetMetadata(ALLOWS_PUBLISHABLE_KEY, true);
