import { Controller, Get, Param, Query } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { IsOptional, IsString } from 'class-validator';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';

class ListEventsDto extends ListQueryDto {
  @IsOptional() @IsString() type?: string;
}

@Controller('v1/events')
export class EventsController {
  constructor(private readonly client: MessageClient) {}

  @Get()
  @RequiresScope('payments:read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListEventsDto) {
    return this.client.send(Patterns.EventList, { caller, params: query });
  }

  @Get(':id')
  @RequiresScope('payments:read')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.EventRetrieve, { caller, params: { id } });
  }
}
