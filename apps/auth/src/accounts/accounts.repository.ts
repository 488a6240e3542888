import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MerchantEntity } from '../merchants/merchant.entity.js';

@Injectable()
export class AccountsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findMerchant(merchantId: string): Promise<MerchantEntity | null> {
    return this.dataSource.manager.findOneBy(MerchantEntity, { id: merchantId });
  }
}
