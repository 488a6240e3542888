import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type {
  CheckTransactionWebhookParams,
  CreateTransactionWebhookParams,
  CreateWebhookEndpointParams,
  ListEventsParams,
  ReplayEventsParams,
  PositionedEventsParams,
  ListWebhookDeliveriesParams,
  ResendEventParams,
  RotateWebhookEndpointSecretParams,
  UpdateWebhookEndpointParams,
} from '../commands/webhooks.commands.js';
import type { CreatedFilter } from '../commands/payments.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import { IsCreatedFilterShape, IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

/** Whether the URL may be delivered to, which event types exist and what a schedule may be are the service's rules. */
export class CreateWebhookEndpointParamsDto implements CreateWebhookEndpointParams {
  @IsString() url!: string;
  @IsArray() @IsString({ each: true }) enabled_events!: string[];
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
  @IsOptional() @IsString() api_version?: string;
  @IsOptional() @IsString() signature_scheme?: string;
  @IsOptional() @IsArray() @IsInt({ each: true }) retry_schedule?: number[];
}

export class CreateWebhookEndpointPayload
  extends ScopedPayload(CreateWebhookEndpointParamsDto)
  implements RequestOf<typeof Patterns.WebhookEndpointCreate> {}

export class UpdateWebhookEndpointParamsDto implements UpdateWebhookEndpointParams {
  @IsString() id!: string;
  @IsOptional() @IsString() url?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) enabled_events?: string[];
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
  @IsOptional() @IsBoolean() disabled?: boolean;
  @IsOptional() @IsArray() @IsInt({ each: true }) retry_schedule?: number[];
}

export class UpdateWebhookEndpointPayload
  extends ScopedPayload(UpdateWebhookEndpointParamsDto)
  implements RequestOf<typeof Patterns.WebhookEndpointUpdate> {}

export class RotateWebhookEndpointSecretParamsDto implements RotateWebhookEndpointSecretParams {
  @IsString() id!: string;
  @IsOptional() @IsInt() expires_in?: number;
}

export class RotateWebhookEndpointSecretPayload
  extends ScopedPayload(RotateWebhookEndpointSecretParamsDto)
  implements RequestOf<typeof Patterns.WebhookEndpointRotateSecret> {}

export class ListWebhookDeliveriesParamsDto extends ListParamsDto implements ListWebhookDeliveriesParams {
  @IsString() id!: string;
}

export class ListWebhookDeliveriesPayload
  extends ScopedPayload(ListWebhookDeliveriesParamsDto)
  implements RequestOf<typeof Patterns.WebhookEndpointDeliveries>, RequestOf<typeof Patterns.EventDeliveries> {}

export class ResendEventParamsDto implements ResendEventParams {
  @IsString() id!: string;
  @IsOptional() @IsString() webhook_endpoint?: string;
}

export class ResendEventPayload extends ScopedPayload(ResendEventParamsDto) implements RequestOf<typeof Patterns.EventResend> {}

export class ListEventsParamsDto extends ListParamsDto implements ListEventsParams {
  @IsOptional() @IsString() type?: string;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
}

export class ListEventsPayload extends ScopedPayload(ListEventsParamsDto) implements RequestOf<typeof Patterns.EventList> {}

export class ReplayEventsParamsDto implements ReplayEventsParams {
  @IsString() after!: string;
  @IsInt() @Min(1) @Max(100) limit!: number;
}

export class ReplayEventsPayload extends ScopedPayload(ReplayEventsParamsDto) implements RequestOf<typeof Patterns.EventReplay> {}

export class PositionedEventsParamsDto implements PositionedEventsParams {
  @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) ids!: string[];
}

export class PositionedEventsPayload extends ScopedPayload(PositionedEventsParamsDto) implements RequestOf<typeof Patterns.EventsPositioned> {}

export class CheckTransactionWebhookParamsDto implements CheckTransactionWebhookParams {
  @IsString() url!: string;
}

export class CheckTransactionWebhookPayload extends ScopedPayload(CheckTransactionWebhookParamsDto) implements RequestOf<typeof Patterns.TransactionWebhookCheck> {}

export class CreateTransactionWebhookParamsDto implements CreateTransactionWebhookParams {
  @IsString() url!: string;
  @IsString() transaction_id!: string;
  @IsOptional() @IsString() order_id!: string | null;
  @IsString() signing_key!: string;
}

export class CreateTransactionWebhookPayload extends ScopedPayload(CreateTransactionWebhookParamsDto) implements RequestOf<typeof Patterns.TransactionWebhookCreate> {}
