export { bootstrapMerchant } from './bootstrap-merchant.js';
export { ensureSandboxMerchant, SANDBOX_MERCHANT_NAME, type EnsureSandboxMerchantOptions } from './ensure-sandbox-merchant.js';
export type { BootstrapMerchantInput, MerchantCredentials, SandboxCredentials } from './merchant-credentials.js';
