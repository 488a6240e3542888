import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';

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

export class MpesaMethodDetailsDto {
  @IsString() phone_number!: string;
}

/** The document's "Add Payment Method"; `customer` (a `cus_…` id) is Payrail's addition, to save to an existing customer. */
export class MpesaAddMethodDto {
  @IsString() type!: string;
  @IsObject() @ValidateNested() @Type(() => MpesaMethodDetailsDto) details!: MpesaMethodDetailsDto;
  @IsOptional() @IsBoolean() is_default?: boolean;
  @IsOptional() @IsString() customer?: string;
}

export class MpesaMethodsQueryDto {
  @IsOptional() @IsString() customer?: string;
}

export class MpesaTestPaymentDto {
  @IsString() phone_number!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) amount!: number;
}

/** The document's sandbox callback: the outcome the caller expects of a test transaction. */
export class MpesaTestCallbackDto {
  @IsString() transaction_id!: string;
  @IsIn(['completed', 'failed', 'cancelled']) status!: 'completed' | 'failed' | 'cancelled';
}
