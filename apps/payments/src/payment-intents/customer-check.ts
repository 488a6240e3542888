import { Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { CustomersRepository } from '../customers/customers.repository.js';

/** A payment intent may name only a live customer of the caller's, as on Stripe. */
@Injectable()
export class CustomerCheck {
  constructor(private readonly customers: CustomersRepository) {}

  async assertExists(caller: Caller, customerId: string): Promise<void> {
    if (!(await this.customers.findOwned(caller, customerId))) throw PayrailError.notFound('customer', customerId, 'customer');
  }
}
