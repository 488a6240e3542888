import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import type { CreatedFilter } from '../commands/payments.commands.js';
import type {
  CreateLedgerAccountParams,
  CreateTransferParams,
  ListBalanceTransactionsParams,
  ListLedgerAccountsParams,
  ListTransfersParams,
  PricingPlanRowParams,
  ReplacePricingPlanParams,
  ReportingSummaryParams,
  UpdateLedgerAccountParams,
} from '../commands/ledger.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import { BALANCE_TRANSACTION_TYPES, type BalanceTransactionType } from '../resources/balance.resource.js';
import {
  LEDGER_ACCOUNT_STATUSES,
  TRANSFER_PAYMENT_TYPES,
  TRANSFER_STATUSES,
  type LedgerAccountStatus,
  type TransferPaymentType,
  type TransferStatus,
} from '../resources/ledger-account.resource.js';
import type { Metadata } from '../resources/list.js';
import { EmptyParamsDto, IdempotentScopedPayload, IsCreatedFilterShape, IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

export class RetrieveBalancePayload extends ScopedPayload(EmptyParamsDto) implements RequestOf<typeof Patterns.BalanceRetrieve> {}

export class ListBalanceTransactionsParamsDto extends ListParamsDto implements ListBalanceTransactionsParams {
  @IsOptional() @IsIn(BALANCE_TRANSACTION_TYPES) type?: BalanceTransactionType;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
  @IsOptional() @IsString() source?: string;
}

export class ListBalanceTransactionsPayload extends ScopedPayload(ListBalanceTransactionsParamsDto) implements RequestOf<typeof Patterns.BalanceTransactionList> {}

export class ReportingSummaryParamsDto implements ReportingSummaryParams {
  @IsInt() @Min(0) gte!: number;
  @IsInt() @Min(0) lt!: number;
  @IsOptional() @Matches(/^[a-z]{3}$/) currency?: string;
}

export class ReportingSummaryPayload extends ScopedPayload(ReportingSummaryParamsDto) implements RequestOf<typeof Patterns.ReportingSummary> {}

/** Answered by payments: the reporting summary's range, asked of the charges (failed attempts never reach the ledger). */
export class ChargeFailedTallyPayload extends ScopedPayload(ReportingSummaryParamsDto) implements RequestOf<typeof Patterns.ChargeFailedTally> {}

export class CreateLedgerAccountParamsDto implements CreateLedgerAccountParams {
  @IsString() currency!: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() external_reference?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreateLedgerAccountPayload extends IdempotentScopedPayload(CreateLedgerAccountParamsDto) implements RequestOf<typeof Patterns.LedgerAccountCreate> {}

export class UpdateLedgerAccountParamsDto implements UpdateLedgerAccountParams {
  @IsString() id!: string;
  @IsOptional() @IsIn(LEDGER_ACCOUNT_STATUSES) status?: LedgerAccountStatus;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class UpdateLedgerAccountPayload extends ScopedPayload(UpdateLedgerAccountParamsDto) implements RequestOf<typeof Patterns.LedgerAccountUpdate> {}

export class ListLedgerAccountsParamsDto extends ListParamsDto implements ListLedgerAccountsParams {
  @IsOptional() @IsIn(LEDGER_ACCOUNT_STATUSES) status?: LedgerAccountStatus;
  @IsOptional() @IsString() external_reference?: string;
}

export class ListLedgerAccountsPayload extends ScopedPayload(ListLedgerAccountsParamsDto) implements RequestOf<typeof Patterns.LedgerAccountList> {}

export class CreateTransferParamsDto implements CreateTransferParams {
  @IsString() from_account!: string;
  @IsString() to_account!: string;
  @IsIn(TRANSFER_PAYMENT_TYPES) payment_type!: TransferPaymentType;
  @IsInt() amount!: number;
  @IsOptional() @IsString() currency?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() external_reference?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreateTransferPayload extends IdempotentScopedPayload(CreateTransferParamsDto) implements RequestOf<typeof Patterns.TransferCreate> {}

export class ListTransfersParamsDto extends ListParamsDto implements ListTransfersParams {
  @IsOptional() @IsString() account?: string;
  @IsOptional() @IsIn(TRANSFER_STATUSES) status?: TransferStatus;
  @IsOptional() @IsIn(TRANSFER_PAYMENT_TYPES) payment_type?: TransferPaymentType;
  @IsOptional() @IsString() external_reference?: string;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
}

export class ListTransfersPayload extends ScopedPayload(ListTransfersParamsDto) implements RequestOf<typeof Patterns.TransferList> {}

export class RetrievePricingPlanPayload extends ScopedPayload(EmptyParamsDto) implements RequestOf<typeof Patterns.PricingPlanRetrieve> {}

export class PricingPlanRowDto implements PricingPlanRowParams {
  @IsString() method!: string;
  @IsString() currency!: string;
  @IsInt() percent_bps!: number;
  @IsInt() fixed_amount!: number;
}

export class ReplacePricingPlanParamsDto implements ReplacePricingPlanParams {
  @IsArray() @ValidateNested({ each: true }) @Type(() => PricingPlanRowDto) rows!: PricingPlanRowDto[];
}

export class ReplacePricingPlanPayload extends ScopedPayload(ReplacePricingPlanParamsDto) implements RequestOf<typeof Patterns.PricingPlanReplace> {}

/** The operator's costs view: the same range as the reporting summary. */
export class PricingCostsPayload extends ScopedPayload(ReportingSummaryParamsDto) implements RequestOf<typeof Patterns.PricingCosts> {}
