import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type AuthEvent } from '@payrail/contracts';
import { Inbox } from '@payrail/messaging';
import { SandboxAccountsSeeder } from './sandbox-accounts.seeder.js';

const CONSUMER = 'ledger.sandbox-accounts';

/** A new merchant's test mode starts with the Payment Engine document's test accounts. */
@Controller()
export class SandboxAccountsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly seeder: SandboxAccountsSeeder,
  ) {}

  @EventPattern(Topics.AuthEvents)
  async onAuthEvent(@Payload() event: AuthEvent): Promise<void> {
    if (event.type !== 'merchant.created') return;
    await this.inbox.handleOnce(CONSUMER, event.id, (unit) => this.seeder.seed(unit.manager, event.merchantId));
  }
}
