import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { GATEWAYS } from '@payrail/contracts';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { ToBoolean } from '../../common/transforms.js';
import { IsCredentials } from './credentials.validator.js';

/** `gateway` is one Payrail knows; whether this deployment has its connector is gateway-connectors' answer. */
export class CreateGatewayAccountDto {
  @IsString() @Length(1, 64) gateway!: string;
  @IsOptional() @IsCredentials() credentials?: Record<string, string>;
  @IsOptional() @IsString() @MaxLength(1024) webhook_secret?: string;
  @IsOptional() @ToBoolean() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

/** The gateway of an account never changes; `webhook_secret=` (empty) removes it. */
export class UpdateGatewayAccountDto {
  @IsOptional() @IsCredentials() credentials?: Record<string, string>;
  @IsOptional() @IsString() @MaxLength(1024) webhook_secret?: string;
  @IsOptional() @ToBoolean() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

export class ListGatewayAccountsDto extends ListQueryDto {
  @IsOptional() @IsIn(GATEWAYS) gateway?: string;
}
