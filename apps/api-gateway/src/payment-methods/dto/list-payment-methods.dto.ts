import { IsOptional, IsString } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { IsExpandList } from '../../common/expand.validator.js';

/** `type` filters by payment method type (`card`, `mpesa`); a type nobody has lists nothing. */
export class ListPaymentMethodsDto extends ListQueryDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() type?: string;
}

/** GET /v1/customers/:id/payment_methods: the customer is in the path. */
export class ListCustomerPaymentMethodsDto extends ListQueryDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsString() type?: string;
}
