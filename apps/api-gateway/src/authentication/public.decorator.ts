import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC } from './access.decorator.js';

/** Being replaced by @Access({ public: true }). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
