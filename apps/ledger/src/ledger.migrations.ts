import { CreateLedger1767700000000 } from './migrations/1767700000000-CreateLedger.js';
import { CreateTransferAccounts1767700100000 } from './migrations/1767700100000-CreateTransferAccounts.js';
import { AddReportingDaily1767700200000 } from './migrations/1767700200000-AddReportingDaily.js';
import { VersionPricingPlans1767700300000 } from './migrations/1767700300000-VersionPricingPlans.js';
import { FoldPostingsPerStatement1767700400000 } from './migrations/1767700400000-FoldPostingsPerStatement.js';
import { IndexInboxHandledAt1769600000000 } from './migrations/1769600000000-IndexInboxHandledAt.js';

/** The ledger schema's migrations, in order: the module and the specs that open the schema themselves run the same list. */
export const LEDGER_MIGRATIONS = [CreateLedger1767700000000, CreateTransferAccounts1767700100000, AddReportingDaily1767700200000, VersionPricingPlans1767700300000, FoldPostingsPerStatement1767700400000, IndexInboxHandledAt1769600000000];
