import { IsString, Length } from 'class-validator';

export class ReceiptQueryDto {
  @IsString() @Length(1, 128) token!: string;
}
