import { ArrayNotEmpty, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToArray } from '../../common/transforms.js';

export class CreateWebhookEndpointDto {
  @IsString() @Length(1, 2048) url!: string;
  @ToArray() @IsArray() @ArrayNotEmpty() @IsString({ each: true }) enabled_events!: string[];
  @IsOptional() @IsString() @Length(0, 5000) description?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}
