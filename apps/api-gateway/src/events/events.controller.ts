import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, type CreatedFilter, EventResource, WebhookDeliveryResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { IsOptional, IsString } from 'class-validator';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ApiCreatedFilter, IsCreatedFilter, ToCreatedFilter } from '../common/created-filter.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

class ListEventsDto extends ListQueryDto {
  @IsOptional() @IsString() type?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: CreatedFilter;
}

class ResendEventDto {
  /** One endpoint; omitted, every enabled endpoint subscribed to the event's type. */
  @IsOptional() @IsString() webhook_endpoint?: string;
}

@Controller('v1/events')
export class EventsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * List events
   */
  @ApiListResponse(EventResource)
  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListEventsDto) {
    return this.client.send(Patterns.EventList, { caller, params: query });
  }

  /**
   * Retrieve an event
   */
  @Get(':id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.EventRetrieve, { caller, params: { id } });
  }

  /**
   * The event's deliveries, one per endpoint, with every attempt (as for an endpoint's)
   */
  @ApiListResponse(WebhookDeliveryResource)
  @Get(':id/deliveries')
  @Access({ scope: 'webhooks:manage' })
  deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.EventDeliveries, { caller, params: { ...query, id } });
  }

  /**
   * Sends the event again now, with the same event id: to `webhook_endpoint` (any enabled endpoint of yours),
   * or to every enabled endpoint subscribed to its type
   */
  @Post(':id/resend')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  resend(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ResendEventDto) {
    return this.client.send(Patterns.EventResend, { caller, params: { ...body, id } });
  }
}
