import { Injectable } from '@nestjs/common';
import type { AccountResource, Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { toAccountResource } from './account.mapper.js';
import { AccountsRepository } from './accounts.repository.js';

@Injectable()
export class AccountsService {
  constructor(private readonly accounts: AccountsRepository) {}

  /** The calling merchant's own profile: a caller can name no other. */
  async retrieve(caller: Caller): Promise<AccountResource> {
    const merchant = await this.accounts.findMerchant(caller.merchantId);
    if (!merchant) throw PayrailError.notFound('account', caller.merchantId);
    return toAccountResource(merchant, caller);
  }
}
