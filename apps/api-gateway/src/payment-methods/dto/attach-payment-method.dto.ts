import { IsString, MinLength } from 'class-validator';

export class AttachPaymentMethodDto {
  @IsString() @MinLength(1) customer!: string;
}
