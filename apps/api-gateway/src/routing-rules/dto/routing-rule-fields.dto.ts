import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToArray, ToInteger } from '../../common/transforms.js';

/** Shapes at the edge; which accounts may be named, and what they can take, is gateway-connectors' check. */
class RoutingRuleFieldsDto {
  @IsOptional() @ToInteger() @IsInt() @Min(0) @Max(1_000_000) priority?: number;
  @IsOptional() @ToArray() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 64, { each: true }) payment_method_types?: string[];
  @IsOptional() @ToArray() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(3, 3, { each: true }) currencies?: string[];
  @IsOptional() @ToInteger() @IsInt() @Min(0) amount_min?: number;
  @IsOptional() @ToInteger() @IsInt() @Min(0) amount_max?: number;
  @IsOptional() @IsMetadata() match_metadata?: Record<string, string>;
  @IsOptional() @ToArray() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 64, { each: true }) fallback_gateway_accounts?: string[];
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

export class CreateRoutingRuleDto extends RoutingRuleFieldsDto {
  @IsString() @Length(1, 64) gateway_account!: string;
}

export class UpdateRoutingRuleDto extends RoutingRuleFieldsDto {
  @IsOptional() @IsString() @Length(1, 64) gateway_account?: string;
}
