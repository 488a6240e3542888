import { IsBoolean, IsOptional, IsString } from 'class-validator';
import type { CreateGatewayAccountParams, ListGatewayAccountsParams, UpdateGatewayAccountParams } from '../commands/gateway-accounts.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import { EmptyParamsDto, IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

/** Which gateways exist and which credentials each needs are gateway-connectors' rules. */
export class CreateGatewayAccountParamsDto implements CreateGatewayAccountParams {
  @IsString() gateway!: string;
  @IsOptional() @IsMetadataShape({}, { message: 'must be an object of string values' }) credentials?: Record<string, string>;
  @IsOptional() @IsString() webhook_secret?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreateGatewayAccountPayload
  extends ScopedPayload(CreateGatewayAccountParamsDto)
  implements RequestOf<typeof Patterns.GatewayAccountCreate> {}

export class UpdateGatewayAccountParamsDto implements UpdateGatewayAccountParams {
  @IsString() id!: string;
  @IsOptional() @IsMetadataShape({}, { message: 'must be an object of string values' }) credentials?: Record<string, string>;
  @IsOptional() @IsString() webhook_secret?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class UpdateGatewayAccountPayload
  extends ScopedPayload(UpdateGatewayAccountParamsDto)
  implements RequestOf<typeof Patterns.GatewayAccountUpdate> {}

export class ListGatewayAccountsParamsDto extends ListParamsDto implements ListGatewayAccountsParams {
  @IsOptional() @IsString() gateway?: string;
}

export class ListGatewayAccountsPayload
  extends ScopedPayload(ListGatewayAccountsParamsDto)
  implements RequestOf<typeof Patterns.GatewayAccountList> {}

export class ListGatewaysPayload extends ScopedPayload(EmptyParamsDto) implements RequestOf<typeof Patterns.GatewayList> {}
