import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListDisputesPayload, Patterns, ScopedIdPayload, UpdateDisputePayload } from '@payrail/contracts';
import { DisputesService } from './disputes.service.js';

@Controller()
export class DisputesHandler {
  constructor(private readonly service: DisputesService) {}

  @MessagePattern(Patterns.DisputeRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.DisputeList)
  list(@Payload() request: ListDisputesPayload) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.DisputeUpdate)
  update(@Payload() request: UpdateDisputePayload) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.DisputeClose)
  close(@Payload() request: ScopedIdPayload) {
    return this.service.close(request.caller, request.params.id);
  }
}
