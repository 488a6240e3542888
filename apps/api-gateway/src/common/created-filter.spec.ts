import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ListChargesDto } from '../charges/dto/list-charges.dto.js';
import { MAX_TIMESTAMP } from './created-filter.js';

const errorsFor = async (created: unknown) => (await validate(plainToInstance(ListChargesDto, { created }))).map((error) => error.property);

describe('the created filter', () => {
  it.each([['1700000000'], [{ gt: '0', lte: String(MAX_TIMESTAMP) }]])('takes unix seconds up to the year 9999: %j', async (created) => {
    expect(await errorsFor(created)).toEqual([]);
  });

  it.each([[String(MAX_TIMESTAMP + 1)], [{ lte: '62185890464640' }], [{ gt: '-1' }], [{ after: '1' }]])(
    'refuses what no database can compare, rather than failing on it: %j',
    async (created) => {
      expect(await errorsFor(created)).toEqual(['created']);
    },
  );
});
