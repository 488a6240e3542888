import { IsOptional, IsString } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class ListPaymentIntentsDto extends ListQueryDto {
  @IsOptional() @IsString() customer?: string;
}
