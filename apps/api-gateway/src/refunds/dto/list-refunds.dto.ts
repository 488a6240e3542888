import { IsOptional, IsString } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class ListRefundsDto extends ListQueryDto {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
}
