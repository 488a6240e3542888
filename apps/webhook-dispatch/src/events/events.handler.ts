import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ListEventsPayload, ScopedIdPayload } from '@payrail/contracts';
import { EventsService } from './events.service.js';

@Controller()
export class EventsHandler {
  constructor(private readonly service: EventsService) {}

  @MessagePattern(Patterns.EventRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.EventList)
  list(@Payload() request: ListEventsPayload) {
    return this.service.list(request.caller, request.params);
  }
}
