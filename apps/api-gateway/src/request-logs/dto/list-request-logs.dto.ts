import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsCreatedFilter, ApiCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { ToInteger } from '../../common/transforms.js';

export type CreatedFilter = number | { gt?: number; gte?: number; lt?: number; lte?: number };

export class ListRequestLogsDto extends ListQueryDto {
  @IsOptional() @ToInteger() @IsInt() @Min(100) @Max(599) status?: number;
  @IsOptional() @IsIn(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'get', 'post', 'put', 'patch', 'delete', 'head']) method?: string;
  /** The path exactly as requested, without its query string (`/v1/payment_intents`). */
  @IsOptional() @IsString() path?: string;
  @IsOptional() @IsString() request_id?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: CreatedFilter;
}
