import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, WebhookDeliveryResource, WebhookEndpointResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto.js';
import { RotateWebhookEndpointSecretDto, UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/webhook_endpoints')
export class WebhookEndpointsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @RequiresScope('webhooks:manage')
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookEndpointDto) {
    return this.client.send(Patterns.WebhookEndpointCreate, { caller, params: body });
  }

  @ApiListResponse(WebhookEndpointResource)
  @Get()
  @RequiresScope('webhooks:manage')
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.WebhookEndpointList, { caller, params: query });
  }

  @Get(':id')
  @RequiresScope('webhooks:manage')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointRetrieve, { caller, params: { id } });
  }

  @Post(':id')
  @RequiresScope('webhooks:manage')
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateWebhookEndpointDto) {
    return this.client.send(Patterns.WebhookEndpointUpdate, { caller, params: { ...body, id } });
  }

  @Post(':id/rotate_secret')
  @RequiresScope('webhooks:manage')
  @HttpCode(200)
  rotateSecret(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RotateWebhookEndpointSecretDto) {
    return this.client.send(Patterns.WebhookEndpointRotateSecret, { caller, params: { ...body, id } });
  }

  @ApiListResponse(WebhookDeliveryResource)
  @Get(':id/deliveries')
  @RequiresScope('webhooks:manage')
  deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.WebhookEndpointDeliveries, { caller, params: { ...query, id } });
  }

  @Post(':id/test')
  @RequiresScope('webhooks:manage')
  @HttpCode(200)
  sendTest(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointTest, { caller, params: { id } });
  }

  @Delete(':id')
  @RequiresScope('webhooks:manage')
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointDelete, { caller, params: { id } });
  }
}
