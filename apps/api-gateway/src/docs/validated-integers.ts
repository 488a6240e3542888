import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { OpenAPIObject, OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { AMOUNT_IS_INTEGER } from '../common/amount.validator.js';

/**
 * TypeScript has one `number`, so the plugin documents every request field as `number`, and SDKs generated from the
 * reference then take floats (Python) or BigDecimal (Java). What the edge accepts is decided by the validators: a
 * property validated by `@IsInt` is documented `integer`, an `@IsAmount` one `integer`/`int64` (minor units are
 * stored as bigint; the domain's ceiling fits 32 bits today, the storage and the contract do not promise it will).
 * Properties validated as plain numbers (the product documents' decimal amounts) stay `number`.
 */
const IS_INT = 'isInt';

type IntegerSchema = Pick<SchemaObject, 'type' | 'format'>;

/** What the validators of `dto` make of each property that is validated as an integer. */
export function integerPropertiesOf(dto: Type): Map<string, IntegerSchema> {
  const properties = new Map<string, IntegerSchema>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    if (metadata.name === AMOUNT_IS_INTEGER) properties.set(metadata.propertyName, { type: 'integer', format: 'int64' });
    else if (metadata.name === IS_INT && !properties.has(metadata.propertyName)) properties.set(metadata.propertyName, { type: 'integer' });
  }
  return properties;
}

const isSchema = (value: SchemaObject | ReferenceObject | undefined): value is SchemaObject => value !== undefined && !('$ref' in value);

/** Retypes the `number` properties of the schemas named after `dtos` (the edge's DTO classes) that their validators hold to integers. */
export function documentValidatedIntegers(document: OpenAPIObject, dtos: Iterable<Type>): void {
  const schemas = document.components?.schemas ?? {};
  for (const dto of dtos) {
    const schema = schemas[dto.name];
    if (!isSchema(schema)) continue;
    for (const [name, integer] of integerPropertiesOf(dto)) {
      const property = schema.properties?.[name];
      if (isSchema(property)) retype(property, integer);
    }
  }
}

/** The same for the query parameters an operation's `@Query()` DTOs describe. */
export function documentValidatedIntegerQueryParameters(operation: OperationObject, queryDtos: readonly Type[]): void {
  const integers = new Map(queryDtos.flatMap((dto) => [...integerPropertiesOf(dto)]));
  for (const parameter of operation.parameters ?? []) {
    if ('$ref' in parameter || parameter.in !== 'query') continue;
    const integer = integers.get(parameter.name);
    if (integer && isSchema(parameter.schema)) retype(parameter.schema, integer);
  }
}

function retype(schema: SchemaObject, integer: IntegerSchema): void {
  if (schema.type === 'number') Object.assign(schema, integer);
  else if (schema.type === 'array' && isSchema(schema.items) && schema.items.type === 'number') Object.assign(schema.items, integer);
}

interface RouteArgument {
  index: number;
  data?: unknown;
}

/** The classes of a route handler's whole-query parameters (`@Query() query: ListQueryDto`), read from Nest's route metadata. */
export function queryDtosOf(controller: Type, handlerName: string): Type[] {
  const routeArguments: Record<string, RouteArgument> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {};
  const parameterTypes: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, handlerName) ?? [];
  return Object.entries(routeArguments)
    .filter(([key, argument]) => key.split(':')[0] === String(RouteParamtypes.QUERY) && argument.data === undefined)
    .map(([, argument]) => parameterTypes[argument.index])
    .filter((type): type is Type => typeof type === 'function' && type !== Object);
}
