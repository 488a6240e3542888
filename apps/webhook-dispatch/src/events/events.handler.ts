import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ListEventsPayload, ReplayEventsPayload, ScopedIdPayload } from '@payrail/contracts';
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

  @MessagePattern(Patterns.EventReplay)
  replay(@Payload() request: ReplayEventsPayload) {
    return this.service.replay(request.caller, request.params);
  }
}
