import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ListEventsPayload, PositionedEventsPayload, ReplayEventsPayload, ResendEventPayload, ScopedIdPayload } from '@payrail/contracts';
import { DeliveryDispatcher } from '../deliveries/delivery-dispatcher.js';
import { EventsService } from './events.service.js';

@Controller()
export class EventsHandler {
  constructor(
    private readonly service: EventsService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

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

  @MessagePattern(Patterns.EventsPositioned)
  positioned(@Payload() request: PositionedEventsPayload) {
    return this.service.positioned(request.caller, request.params.ids);
  }

  @MessagePattern(Patterns.EventResend)
  async resend(@Payload() request: ResendEventPayload) {
    const event = await this.service.resend(request.caller, request.params);
    this.dispatcher.nudge();
    return event;
  }
}
