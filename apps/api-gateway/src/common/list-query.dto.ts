import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ToInteger } from './transforms.js';

export class ListQueryDto {
  @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() starting_after?: string;
  @IsOptional() @IsString() ending_before?: string;
}
