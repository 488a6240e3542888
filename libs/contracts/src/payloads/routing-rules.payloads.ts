import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { CheckRoutingParams, CreateRoutingRuleParams, ListRoutingRulesParams, RoutingRuleFields, UpdateRoutingRuleParams } from '../commands/routing-rules.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import { EmptyParamsDto, IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

/** Shapes only: which accounts and what they can take are gateway-connectors' rules. */
class RoutingRuleFieldsDto implements RoutingRuleFields {
  @IsOptional() @IsInt() priority?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) payment_method_types?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) currencies?: string[];
  @IsOptional() @IsInt() amount_min?: number;
  @IsOptional() @IsInt() amount_max?: number;
  @IsOptional() @IsMetadataShape() match_metadata?: Metadata;
  @IsOptional() @IsString() gateway_account?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) fallback_gateway_accounts?: string[];
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreateRoutingRuleParamsDto extends RoutingRuleFieldsDto implements CreateRoutingRuleParams {}

export class CreateRoutingRulePayload extends ScopedPayload(CreateRoutingRuleParamsDto) implements RequestOf<typeof Patterns.RoutingRuleCreate> {}

export class UpdateRoutingRuleParamsDto extends RoutingRuleFieldsDto implements UpdateRoutingRuleParams {
  @IsString() id!: string;
}

export class UpdateRoutingRulePayload extends ScopedPayload(UpdateRoutingRuleParamsDto) implements RequestOf<typeof Patterns.RoutingRuleUpdate> {}

export class ListRoutingRulesParamsDto extends ListParamsDto implements ListRoutingRulesParams {}

export class ListRoutingRulesPayload extends ScopedPayload(ListRoutingRulesParamsDto) implements RequestOf<typeof Patterns.RoutingRuleList> {}

export class RoutingPlanDto {
  @IsInt() amount!: number;
  @IsMetadataShape() metadata!: Metadata;
}

export class CheckRoutingParamsDto implements CheckRoutingParams {
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) paymentMethodTypes!: string[];
  @IsString() @Length(3, 3) currency!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RoutingPlanDto) plan?: RoutingPlanDto;
}

export class CheckRoutingPayload extends ScopedPayload(CheckRoutingParamsDto) implements RequestOf<typeof Patterns.RoutingCheck> {}

export class GatewayHealthPayload extends ScopedPayload(EmptyParamsDto) implements RequestOf<typeof Patterns.GatewayHealth> {}

