import { ArrayNotEmpty, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToArray, ToBoolean, ToInteger, ToIntegerArray } from '../../common/transforms.js';

export class UpdateWebhookEndpointDto {
  @IsOptional() @IsString() @Length(1, 2048) url?: string;
  @IsOptional() @ToArray() @IsArray() @ArrayNotEmpty() @IsString({ each: true }) enabled_events?: string[];
  @IsOptional() @IsString() @Length(0, 5000) description?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
  @IsOptional() @ToBoolean() @IsBoolean() disabled?: boolean;
  /** Empty (`retry_schedule=`) returns to the default schedule. */
  @IsOptional() @ToIntegerArray() @IsArray() @IsInt({ each: true }) retry_schedule?: number[];
}

export class RotateWebhookEndpointSecretDto {
  @IsOptional() @ToInteger() @IsInt() expires_in?: number;
}
