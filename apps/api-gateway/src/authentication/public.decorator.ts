import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'payrail:public';

/** Routes anyone may call: health, docs. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
