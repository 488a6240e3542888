import { Controller, Get } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';

/** Stripe's `GET /v1/account`: the calling merchant's profile (`stripe.accounts.retrieveCurrent()`). */
@Controller('v1/account')
export class AccountController {
  constructor(private readonly client: MessageClient) {}

  /**
   * The calling merchant's profile (`stripe.accounts.retrieveCurrent()`): `{id, object: "account",
   * business_profile: {name}, email, country, default_currency, created, livemode}`; country and default
   * currency are null until recorded. OAuth scope `accounts:read`
   */
  @Get()
  @Access({ scope: 'accounts:read' })
  retrieve(@CurrentCaller() caller: Caller) {
    return this.client.send(Patterns.AuthAccountRetrieve, { caller, params: {} });
  }
}
