import { IsArray, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { CreateWebhookEndpointParams, ListEventsParams, ReplayEventsParams } from '../commands/webhooks.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import { IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

/** Whether the URL may be delivered to, and which event types exist, are the service's rules. */
export class CreateWebhookEndpointParamsDto implements CreateWebhookEndpointParams {
  @IsString() url!: string;
  @IsArray() @IsString({ each: true }) enabled_events!: string[];
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreateWebhookEndpointPayload
  extends ScopedPayload(CreateWebhookEndpointParamsDto)
  implements RequestOf<typeof Patterns.WebhookEndpointCreate> {}

export class ListEventsParamsDto extends ListParamsDto implements ListEventsParams {
  @IsOptional() @IsString() type?: string;
}

export class ListEventsPayload extends ScopedPayload(ListEventsParamsDto) implements RequestOf<typeof Patterns.EventList> {}

export class ReplayEventsParamsDto implements ReplayEventsParams {
  @IsString() after!: string;
  @IsInt() @Min(1) @Max(100) limit!: number;
}

export class ReplayEventsPayload extends ScopedPayload(ReplayEventsParamsDto) implements RequestOf<typeof Patterns.EventReplay> {}
