import { IsBoolean, IsOptional, IsString } from 'class-validator';
import type { ListDisputesParams, UpdateDisputeParams } from '../commands/disputes.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { DisputeEvidence } from '../resources/dispute.resource.js';
import type { Metadata } from '../resources/list.js';
import { IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

export class ListDisputesParamsDto extends ListParamsDto implements ListDisputesParams {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
}

export class ListDisputesPayload extends ScopedPayload(ListDisputesParamsDto) implements RequestOf<typeof Patterns.DisputeList> {}

/** Which evidence fields exist and how long each may be are the service's rules. */
export class UpdateDisputeParamsDto implements UpdateDisputeParams {
  @IsString() id!: string;
  @IsOptional() @IsMetadataShape({}, { message: 'must be an object of string values' }) evidence?: DisputeEvidence;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
  @IsOptional() @IsBoolean() submit?: boolean;
}

export class UpdateDisputePayload extends ScopedPayload(UpdateDisputeParamsDto) implements RequestOf<typeof Patterns.DisputeUpdate> {}
