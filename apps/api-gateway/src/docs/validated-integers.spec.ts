import { Controller, Get, Param, Query } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString } from 'class-validator';
import { IsAmount } from '../common/amount.validator.js';
import { documentValidatedIntegerQueryParameters, documentValidatedIntegers, queryDtosOf } from './validated-integers.js';

class ChargeDto {
  @IsAmount({ currencyProperty: 'currency' }) amount!: number;
  @IsString() currency!: string;
  @IsInt() quantity!: number;
  @IsInt({ each: true }) retry_schedule!: number[];
  /** A product document's decimal amount: validated as a number, so it stays one. */
  @IsNumber() decimal_amount!: number;
  @IsInt() @IsIn([1, 2]) rank!: number;
}

class ListDto {
  @IsOptional() @IsInt() limit?: number;
  @IsOptional() @IsString() starting_after?: string;
}

class ListByStatusDto extends ListDto {
  @IsOptional() @IsInt() status?: number;
  @IsOptional() @IsNumber() ratio?: number;
}

@Controller('things')
class ThingsController {
  @Get()
  list(@Query() query: ListByStatusDto) {
    return query;
  }

  @Get(':id')
  one(@Param('id') id: string, @Query('limit') limit: number) {
    return { id, limit };
  }
}

const number = (): SchemaObject => ({ type: 'number' });

function documentWith(schemas: Record<string, SchemaObject>): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
}

describe('documenting what the validators hold to integers', () => {
  it('types @IsInt properties `integer` and @IsAmount ones `integer`/`int64`, leaving validated decimals `number`', () => {
    const document = documentWith({
      ChargeDto: {
        type: 'object',
        properties: {
          amount: number(),
          currency: { type: 'string' },
          quantity: { ...number(), minimum: 1 },
          retry_schedule: { type: 'array', items: number() },
          decimal_amount: number(),
          rank: { ...number(), enum: [1, 2] },
        },
      },
    });

    documentValidatedIntegers(document, [ChargeDto]);

    expect(document.components?.schemas?.ChargeDto).toEqual({
      type: 'object',
      properties: {
        amount: { type: 'integer', format: 'int64' },
        currency: { type: 'string' },
        quantity: { type: 'integer', minimum: 1 },
        retry_schedule: { type: 'array', items: { type: 'integer' } },
        decimal_amount: { type: 'number' },
        rank: { type: 'integer', enum: [1, 2] },
      },
    });
  });

  it('touches only the schema named after the class it reads', () => {
    const document = documentWith({ ChargeDto: { type: 'object', properties: { quantity: number() } }, OtherDto: { type: 'object', properties: { quantity: number() } } });

    documentValidatedIntegers(document, [ChargeDto]);

    expect(document.components?.schemas?.OtherDto).toEqual({ type: 'object', properties: { quantity: { type: 'number' } } });
  });

  it("finds a route's whole-query DTO from Nest's route metadata, not a parameter read by name", () => {
    expect(queryDtosOf(ThingsController, 'list')).toEqual([ListByStatusDto]);
    expect(queryDtosOf(ThingsController, 'one')).toEqual([]);
  });

  it("types the query parameters of that DTO's integer properties, inherited ones included", () => {
    const operation: OperationObject = {
      responses: {},
      parameters: [
        { name: 'limit', in: 'query', schema: { ...number(), minimum: 1, maximum: 100 } },
        { name: 'status', in: 'query', schema: number() },
        { name: 'ratio', in: 'query', schema: number() },
        { name: 'starting_after', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'header', schema: number() },
      ],
    };

    documentValidatedIntegerQueryParameters(operation, queryDtosOf(ThingsController, 'list'));

    expect(operation.parameters).toEqual([
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'status', in: 'query', schema: { type: 'integer' } },
      { name: 'ratio', in: 'query', schema: { type: 'number' } },
      { name: 'starting_after', in: 'query', schema: { type: 'string' } },
      { name: 'limit', in: 'header', schema: { type: 'number' } },
    ]);
  });
});
