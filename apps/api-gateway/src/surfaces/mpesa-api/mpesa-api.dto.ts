import { IsNumber, IsOptional, IsString } from 'class-validator';

/** The document's initiate request: `amount` in shillings, `order_id` a number or a string. */
export class MpesaInitiateDto {
  @IsString() phone_number!: string;
  @IsOptional() order_id?: string | number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) amount!: number;
  @IsOptional() @IsString() currency?: string;
}

export class MpesaVerifyDto {
  @IsString() transaction_id!: string;
  @IsOptional() order_id?: string | number;
}

export class MpesaRefundDto {
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) amount?: number;
  @IsOptional() @IsString() reason?: string;
}

export class MpesaHistoryQueryDto {
  @IsOptional() @IsString() page?: string;
  @IsOptional() @IsString() page_size?: string;
}
