import { ArrayNotEmpty, IsArray, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToArray, ToIntegerArray } from '../../common/transforms.js';

/** Which schemes, event types, API versions and schedules are allowed is webhook-dispatch's rule. */
export class CreateWebhookEndpointDto {
  @IsString() @Length(1, 2048) url!: string;
  @ToArray() @IsArray() @ArrayNotEmpty() @IsString({ each: true }) enabled_events!: string[];
  @IsOptional() @IsString() @Length(0, 5000) description?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
  @IsOptional() @IsString() @Length(1, 40) api_version?: string;
  @IsOptional() @IsString() @Length(1, 40) signature_scheme?: string;
  @IsOptional() @ToIntegerArray() @IsArray() @IsInt({ each: true }) retry_schedule?: number[];
}
