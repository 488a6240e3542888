import { BaseRpcContext } from '@nestjs/microservices';
import type { MessageHeaders } from '../broker/message-broker.js';

type BusContextArgs = [pattern: string, headers: MessageHeaders];

export class BusContext extends BaseRpcContext<BusContextArgs> {
  getPattern(): string {
    return this.args[0];
  }

  getHeaders(): MessageHeaders {
    return this.args[1];
  }
}
