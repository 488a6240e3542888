import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ToArray, ToInteger } from '../../common/transforms.js';

/**
 * A row as form or JSON sends it (`rows[0][percent_bps]=290`). Types only here; the ledger holds the rules
 * (ranges, known methods and currencies, no duplicates) and names the row it refuses.
 */
export class PricingPlanRowDto {
  /** `card`, `mpesa` or `*` (any method). */
  @IsString() @MaxLength(32) method!: string;
  /** A three-letter ISO 4217 code or `*` (any currency). */
  @IsString() @MaxLength(32) currency!: string;
  /** The percentage in basis points: 290 is 2.90 %; 0 to 10000. */
  @ToInteger() @IsInt() percent_bps!: number;
  /** Minor units of the row's currency added to every charge it prices. */
  @ToInteger() @IsInt() fixed_amount!: number;
}

/** The merchant's whole plan; it replaces the one in force. No rows (`rows=`) puts the merchant back on the default price. */
export class ReplacePricingPlanDto {
  @ToArray() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PricingPlanRowDto) rows!: PricingPlanRowDto[];
}
