// class-transformer's @Type reads design:type: anything that imports the contracts gets the payload classes.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import type { ExpandParams, RetrieveParams } from '../commands/expand.commands.js';
import type { Caller, Idempotent, Scoped } from '../context.js';
import type { ListParams, Metadata } from '../resources/list.js';

/*
 * Payload classes: what a backend's ValidationPipe checks on the bus. They check types and shapes only
 * (what the edge's DTOs also check); the rules a caller sees as specific error codes stay in the services.
 * Each `implements` its contract interface, so the two cannot drift apart.
 */

export class CallerDto implements Caller {
  @IsString() merchantId!: string;
  @IsBoolean() livemode!: boolean;
}

/** A message with nothing in it (pings, the JWKS): any property sent is refused. */
export class EmptyPayload {}

/** `params: {}` of a command that takes none. */
export class EmptyParamsDto {
  [key: string]: never;
}

/** A merchant-scoped command: the caller, and its parameters validated as the class given. */
export function ScopedPayload<P extends object>(paramsClass: new () => P) {
  class ScopedPayloadOf implements Scoped<P> {
    @IsObject() @ValidateNested() @Type(() => CallerDto) caller!: CallerDto;
    @IsObject() @ValidateNested() @Type(() => paramsClass) params!: P;
  }
  return ScopedPayloadOf;
}

/** A scoped command that carries the caller's `Idempotency-Key` when there was one. */
export function IdempotentScopedPayload<P extends object>(paramsClass: new () => P) {
  class IdempotentScopedPayloadOf extends ScopedPayload(paramsClass) implements Idempotent {
    @IsOptional() @IsString() idempotencyKey?: string;
  }
  return IdempotentScopedPayloadOf;
}

export class IdParamsDto {
  @IsString() id!: string;
}

/** Retrieve, delete or act on one object by id, as the caller. */
export class ScopedIdPayload extends ScopedPayload(IdParamsDto) {}

export class ListParamsDto implements ListParams {
  @IsOptional() @IsInt() @Min(1) limit?: number;
  @IsOptional() @IsString() starting_after?: string;
  @IsOptional() @IsString() ending_before?: string;
}

export class ScopedListPayload extends ScopedPayload(ListParamsDto) {}

export class ExpandParamsDto implements ExpandParams {
  @IsOptional() @IsArray() @IsString({ each: true }) expand?: string[];
}

export class ListExpandParamsDto extends ListParamsDto implements ExpandParams {
  @IsOptional() @IsArray() @IsString({ each: true }) expand?: string[];
}

export class RetrieveParamsDto extends ExpandParamsDto implements RetrieveParams {
  @IsString() id!: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isStringRecord = (value: unknown): value is Metadata =>
  isPlainObject(value) && Object.values(value).every((entry) => typeof entry === 'string');

/** Metadata's shape: an object of string values (its limits are the service's to judge); `orEmpty`: or `''`. */
export function IsMetadataShape(options: { orEmpty?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMetadataShape',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `must be an object of string values${options.orEmpty ? ', or an empty string' : ''}`, ...validationOptions },
      validator: { validate: (value: unknown) => (options.orEmpty === true && value === '') || isStringRecord(value) },
    });
}

const RANGE_BOUNDS = ['gt', 'gte', 'lt', 'lte'];
/** Unix seconds from 1970 to the end of year 9999. */
const isTimestamp = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < 253402300800;

/** Stripe's `created` filter: a unix second, or a range of `gt`, `gte`, `lt`, `lte`. */
export function IsCreatedFilterShape(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCreatedFilterShape',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a unix timestamp, or a range with gt, gte, lt or lte', ...validationOptions },
      validator: {
        validate: (value: unknown) =>
          isTimestamp(value) ||
          (isPlainObject(value) &&
            Object.keys(value).length > 0 &&
            Object.entries(value).every(([bound, timestamp]) => RANGE_BOUNDS.includes(bound) && isTimestamp(timestamp))),
      },
    });
}
