import { IsString, MinLength } from 'class-validator';
import { IsExpandList } from '../../common/expand.validator.js';

export class AttachPaymentMethodDto {
  @IsExpandList() expand?: string[];
  @IsString() @MinLength(1) customer!: string;
}
