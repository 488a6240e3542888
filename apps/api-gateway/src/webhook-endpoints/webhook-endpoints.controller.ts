import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto.js';
import { RotateWebhookEndpointSecretDto, UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto.js';

@Controller('v1/webhook_endpoints')
export class WebhookEndpointsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookEndpointDto) {
    return this.client.send(Patterns.WebhookEndpointCreate, { caller, params: body });
  }

  @Get()
  @Access({ scope: 'webhooks:manage' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.WebhookEndpointList, { caller, params: query });
  }

  @Get(':id')
  @Access({ scope: 'webhooks:manage' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointRetrieve, { caller, params: { id } });
  }

  @Post(':id')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateWebhookEndpointDto) {
    return this.client.send(Patterns.WebhookEndpointUpdate, { caller, params: { ...body, id } });
  }

  @Post(':id/rotate_secret')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  rotateSecret(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RotateWebhookEndpointSecretDto) {
    return this.client.send(Patterns.WebhookEndpointRotateSecret, { caller, params: { ...body, id } });
  }

  @Get(':id/deliveries')
  @Access({ scope: 'webhooks:manage' })
  deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.WebhookEndpointDeliveries, { caller, params: { ...query, id } });
  }

  @Post(':id/test')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  sendTest(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointTest, { caller, params: { id } });
  }

  @Delete(':id')
  @Access({ scope: 'webhooks:manage' })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointDelete, { caller, params: { id } });
  }
}
