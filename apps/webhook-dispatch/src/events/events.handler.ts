import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { EventsService } from './events.service.js';

@Controller()
export class EventsHandler {
  constructor(private readonly service: EventsService) {}

  @MessagePattern(Patterns.EventRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.EventRetrieve>) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.EventList)
  list(@Payload() request: RequestOf<typeof Patterns.EventList>) {
    return this.service.list(request.caller, request.params);
  }
}
