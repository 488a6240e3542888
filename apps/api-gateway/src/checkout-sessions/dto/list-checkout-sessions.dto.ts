import { IsIn, IsOptional, IsString } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class ListCheckoutSessionsDto extends ListQueryDto {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() client_reference_id?: string;
  @IsOptional() @IsIn(['open', 'complete', 'expired']) status?: 'open' | 'complete' | 'expired';
}
