import { IsInt, IsString, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

class Party {
  @IsString() name!: string;
}

class Payee extends Party {
  @IsInt() amount!: number;
}

class Later {
  count!: unknown;
}

const failed = (object: object) => validateSync(object).flatMap((error) => Object.keys(error.constraints ?? {}));

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('validates a class with its inherited rules, the same on every call', () => {
    const bad = Object.assign(new Payee(), { name: 7, amount: 'x' });
    expect(failed(bad).sort()).toEqual(['isInt', 'isString']);
    expect(failed(bad).sort()).toEqual(['isInt', 'isString']);
    expect(failed(Object.assign(new Payee(), { name: 'Ada', amount: 5 }))).toEqual([]);
  });

  it('honours a rule declared after the class was first validated', () => {
    const later = Object.assign(new Later(), { count: 'many' });
    expect(validateSync(later, { forbidUnknownValues: false })).toEqual([]);
    IsInt()(Later.prototype, 'count');
    expect(failed(later)).toEqual(['isInt']);
  });

  it('installs once however often it is called', () => {
    cacheValidationMetadata();
    expect(failed(Object.assign(new Party(), { name: 1 }))).toEqual(['isString']);
  });
});
