import type {
  AuthorizePaymentParams,
  AuthorizePaymentResult,
  ChargeForRefundParams,
  ChargeForRefundResult,
  ConfirmPaymentIntentParams,
  CreatePaymentIntentParams,
  CreateRefundParams,
  CreateWebhookEndpointParams,
  ListEventsParams,
  ReplayEventsParams,
  PositionedEventsParams,
  ListWebhookDeliveriesParams,
  ResendEventParams,
  RotateWebhookEndpointSecretParams,
  UpdateWebhookEndpointParams,
  ListPaymentIntentsParams,
  ListRefundsParams,
  ListWebhookEndpointsParams,
  RefundPaymentParams,
  RefundPaymentResult,
  VerifiedApiKey,
  VerifyApiKeyParams,
} from './commands/index.js';
import type { Idempotent, Scoped, ScopedId } from './context.js';
import type { RetrieveParams } from './commands/index.js';
import { Patterns } from './patterns.js';
import type {
  EventResource,
  EventReplay,
  PositionedEvents,
  ListResource,
  PaymentIntentResource,
  RefundResource,
  WebhookDeliveryResource,
  WebhookEndpointResource,
} from './resources/index.js';
import type {
  AttachPaymentMethodParams,
  CreateCustomerParams,
  CreatePaymentMethodParams,
  DetachPaymentMethodParams,
  ListCustomersParams,
  ListPaymentMethodsParams,
  RetrievePaymentMethodParams,
  TokenizeCardParams,
  TokenizeCardResult,
  UpdateCustomerParams,
} from './commands/index.js';
import type { CustomerResource, DeletedCustomerResource, PaymentMethodResource } from './resources/index.js';
import type {
  AuthenticatePaymentIntentParams,
  AuthenticatePaymentIntentResult,
  AuthenticationPageParams,
  AuthenticationPageView,
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  CapturePaymentParams,
  ChargeReceiptParams,
  CompleteAuthenticationParams,
  ListChargesParams,
  SettlePaymentResult,
  SyncAuthorizationParams,
  GiveBackLatePaymentsParams,
  GiveBackLatePaymentsResult,
  SyncAuthorizationResult,
  UpdatePaymentIntentParams,
  VoidPaymentParams,
} from './commands/index.js';
import type { ChargeReceiptView, ChargeResource } from './resources/index.js';
import type {
  JwksResult,
  OAuthIntrospectParams,
  OAuthIntrospectResult,
  OAuthRevokeParams,
  OAuthRevokeResult,
  OAuthTokenParams,
  OAuthTokenResult,
  RevokedAccessTokensParams,
  RevokedAccessTokensResult,
  UserLoginParams,
  UserLoginResult,
  UserPasswordChangeParams,
} from './commands/index.js';
import type { VerifiedRequestSignature, VerifyRequestSignatureParams } from './commands/index.js';
import type { CreateApiKeyParams, ListApiKeysParams, RetrieveAccountParams, RollApiKeyParams } from './commands/index.js';
import type { AccountResource, ApiKeyResource } from './resources/index.js';
import type {
  CreateOAuthClientParams,
  CreateSigningKeyParams,
  CreateUserParams,
  ListOAuthClientsParams,
  ListSigningKeysParams,
  ListUsersParams,
  UpdateUserParams,
} from './commands/index.js';
import type { DeletedUserResource, OAuthClientResource, SigningKeyResource, UserResource } from './resources/index.js';
import type { CreateGatewayAccountParams, ListGatewayAccountsParams, UpdateGatewayAccountParams } from './commands/index.js';
import type { DeletedGatewayAccountResource, GatewayAccountResource, GatewayResource } from './resources/index.js';
import type { CheckRoutingParams, CheckRoutingResult, CreateRoutingRuleParams, ListRoutingRulesParams, UpdateRoutingRuleParams } from './commands/index.js';
import type { DeletedRoutingRuleResource, GatewayHealthResource, RoutingRuleResource } from './resources/index.js';
import type { ListDisputesParams, ReceiveGatewayCallbackParams, ReceiveGatewayCallbackResult, ReceiveMpesaDocumentCallbackParams, UpdateDisputeParams } from './commands/index.js';
import type { DisputeResource } from './resources/index.js';
import type {
  CreateLedgerAccountParams,
  CreateTransferParams,
  ListBalanceTransactionsParams,
  ListLedgerAccountsParams,
  ListTransfersParams,
  ReplacePricingPlanParams,
  ReportingSummaryParams,
  UpdateLedgerAccountParams,
} from './commands/index.js';
import type { BalanceResource, BalanceTransactionResource, FailedChargeTally, LedgerAccountResource, LedgerSummary, PricingCostsResource, PricingPlanResource, TransferResource } from './resources/index.js';
import type {
  CheckoutPageParams,
  CreateCheckoutSessionParams,
  ListCheckoutLineItemsParams,
  ListCheckoutSessionsParams,
  PayCheckoutSessionParams,
  CheckoutGatewayReturnParams,
  PayCheckoutSessionResult,
} from './commands/index.js';
import type { CheckoutLineItemResource, CheckoutPageView, CheckoutSessionResource, CheckoutTransactionPage } from './resources/index.js';
import type { CheckTransactionWebhookParams, CreateTransactionWebhookParams, ListCheckoutTransactionsParams, SignedNotification, SignNotificationParams } from './commands/index.js';

export interface Ping {
  service: string;
  ready: true;
}

/** Pattern → request and reply types; `send` is typed by it. */
export interface PatternMap {
  [Patterns.AuthPing]: { request: Record<string, never>; reply: Ping };
  [Patterns.AuthApiKeyVerify]: { request: VerifyApiKeyParams; reply: VerifiedApiKey };

  [Patterns.PaymentsPing]: { request: Record<string, never>; reply: Ping };
  [Patterns.PaymentIntentCreate]: { request: Scoped<CreatePaymentIntentParams> & Idempotent; reply: PaymentIntentResource };
  [Patterns.PaymentIntentRetrieve]: { request: Scoped<RetrieveParams>; reply: PaymentIntentResource };
  [Patterns.PaymentIntentList]: { request: Scoped<ListPaymentIntentsParams>; reply: ListResource<PaymentIntentResource> };
  [Patterns.PaymentIntentConfirm]: { request: Scoped<ConfirmPaymentIntentParams> & Idempotent; reply: PaymentIntentResource };
  [Patterns.ChargeForRefund]: { request: Scoped<ChargeForRefundParams>; reply: ChargeForRefundResult };

  [Patterns.RefundsPing]: { request: Record<string, never>; reply: Ping };
  [Patterns.RefundCreate]: { request: Scoped<CreateRefundParams> & Idempotent; reply: RefundResource };
  [Patterns.RefundRetrieve]: { request: ScopedId; reply: RefundResource };
  [Patterns.RefundList]: { request: Scoped<ListRefundsParams>; reply: ListResource<RefundResource> };

  [Patterns.ConnectorsPing]: { request: Record<string, never>; reply: Ping };
  [Patterns.ConnectorAuthorize]: { request: Scoped<AuthorizePaymentParams>; reply: AuthorizePaymentResult };
  [Patterns.ConnectorRefund]: { request: Scoped<RefundPaymentParams>; reply: RefundPaymentResult };
  [Patterns.ConnectorRefundSync]: { request: Scoped<RefundPaymentParams>; reply: RefundPaymentResult };

  [Patterns.WebhooksPing]: { request: Record<string, never>; reply: Ping };
  [Patterns.WebhookEndpointCreate]: { request: Scoped<CreateWebhookEndpointParams>; reply: WebhookEndpointResource };
  [Patterns.WebhookEndpointRetrieve]: { request: ScopedId; reply: WebhookEndpointResource };
  [Patterns.WebhookEndpointList]: {
    request: Scoped<ListWebhookEndpointsParams>;
    reply: ListResource<WebhookEndpointResource>;
  };
  [Patterns.WebhookEndpointDelete]: { request: ScopedId; reply: { id: string; object: 'webhook_endpoint'; deleted: true } };
  [Patterns.EventRetrieve]: { request: ScopedId; reply: EventResource };
  [Patterns.EventList]: { request: Scoped<ListEventsParams>; reply: ListResource<EventResource> };
  [Patterns.EventReplay]: { request: Scoped<ReplayEventsParams>; reply: EventReplay };
  [Patterns.EventsPositioned]: { request: Scoped<PositionedEventsParams>; reply: PositionedEvents };
  [Patterns.WebhookEndpointUpdate]: { request: Scoped<UpdateWebhookEndpointParams>; reply: WebhookEndpointResource };
  [Patterns.WebhookEndpointRotateSecret]: { request: Scoped<RotateWebhookEndpointSecretParams>; reply: WebhookEndpointResource };
  [Patterns.WebhookEndpointDeliveries]: { request: Scoped<ListWebhookDeliveriesParams>; reply: ListResource<WebhookDeliveryResource> };
  [Patterns.WebhookEndpointTest]: { request: ScopedId; reply: EventResource };
  [Patterns.EventDeliveries]: { request: Scoped<ListWebhookDeliveriesParams>; reply: ListResource<WebhookDeliveryResource> };
  [Patterns.EventResend]: { request: Scoped<ResendEventParams>; reply: EventResource };

  [Patterns.PaymentMethodCreate]: { request: Scoped<CreatePaymentMethodParams>; reply: PaymentMethodResource };
  [Patterns.PaymentMethodRetrieve]: { request: Scoped<RetrievePaymentMethodParams>; reply: PaymentMethodResource };
  [Patterns.PaymentMethodList]: { request: Scoped<ListPaymentMethodsParams>; reply: ListResource<PaymentMethodResource> };
  [Patterns.PaymentMethodAttach]: { request: Scoped<AttachPaymentMethodParams>; reply: PaymentMethodResource };
  [Patterns.PaymentMethodDetach]: { request: Scoped<DetachPaymentMethodParams>; reply: PaymentMethodResource };
  [Patterns.CustomerCreate]: { request: Scoped<CreateCustomerParams>; reply: CustomerResource };
  [Patterns.CustomerRetrieve]: { request: Scoped<RetrieveParams>; reply: CustomerResource | DeletedCustomerResource };
  [Patterns.CustomerUpdate]: { request: Scoped<UpdateCustomerParams>; reply: CustomerResource };
  [Patterns.CustomerDelete]: { request: ScopedId; reply: DeletedCustomerResource };
  [Patterns.CustomerList]: { request: Scoped<ListCustomersParams>; reply: ListResource<CustomerResource> };
  [Patterns.ConnectorCardTokenize]: { request: Scoped<TokenizeCardParams>; reply: TokenizeCardResult };

  [Patterns.PaymentIntentUpdate]: { request: Scoped<UpdatePaymentIntentParams>; reply: PaymentIntentResource };
  [Patterns.PaymentIntentCapture]: { request: Scoped<CapturePaymentIntentParams>; reply: PaymentIntentResource };
  [Patterns.PaymentIntentCancel]: { request: Scoped<CancelPaymentIntentParams>; reply: PaymentIntentResource };
  [Patterns.PaymentIntentAuthenticationPage]: { request: AuthenticationPageParams; reply: AuthenticationPageView };
  [Patterns.PaymentIntentAuthenticate]: { request: AuthenticatePaymentIntentParams; reply: AuthenticatePaymentIntentResult };
  [Patterns.ChargeRetrieve]: { request: Scoped<RetrieveParams>; reply: ChargeResource };
  [Patterns.ChargeList]: { request: Scoped<ListChargesParams>; reply: ListResource<ChargeResource> };
  [Patterns.ChargeReceipt]: { request: ChargeReceiptParams; reply: ChargeReceiptView };
  [Patterns.ConnectorCompleteAuthentication]: { request: Scoped<CompleteAuthenticationParams>; reply: AuthorizePaymentResult };
  [Patterns.ConnectorCapture]: { request: Scoped<CapturePaymentParams>; reply: SettlePaymentResult };
  [Patterns.ConnectorVoid]: { request: Scoped<VoidPaymentParams>; reply: SettlePaymentResult };
  [Patterns.ConnectorSyncAuthorization]: { request: Scoped<SyncAuthorizationParams>; reply: SyncAuthorizationResult };
  [Patterns.ConnectorGiveBackLatePayments]: { request: Scoped<GiveBackLatePaymentsParams>; reply: GiveBackLatePaymentsResult };
  [Patterns.AuthSignatureVerify]: { request: VerifyRequestSignatureParams; reply: VerifiedRequestSignature };
  [Patterns.AuthOAuthToken]: { request: OAuthTokenParams; reply: OAuthTokenResult };
  [Patterns.AuthOAuthJwks]: { request: Record<string, never>; reply: JwksResult };
  [Patterns.AuthOAuthRevoke]: { request: OAuthRevokeParams; reply: OAuthRevokeResult };
  [Patterns.AuthOAuthIntrospect]: { request: OAuthIntrospectParams; reply: OAuthIntrospectResult };
  [Patterns.AuthOAuthRevokedAccessTokens]: { request: RevokedAccessTokensParams; reply: RevokedAccessTokensResult };
  [Patterns.AuthUserLogin]: { request: UserLoginParams; reply: UserLoginResult };
  [Patterns.AuthUserChangePassword]: { request: UserPasswordChangeParams; reply: UserLoginResult };
  [Patterns.AuthOAuthClientCreate]: { request: Scoped<CreateOAuthClientParams>; reply: OAuthClientResource };
  [Patterns.AuthOAuthClientRetrieve]: { request: ScopedId; reply: OAuthClientResource };
  [Patterns.AuthOAuthClientList]: { request: Scoped<ListOAuthClientsParams>; reply: ListResource<OAuthClientResource> };
  [Patterns.AuthOAuthClientRollSecret]: { request: ScopedId; reply: OAuthClientResource };
  [Patterns.AuthOAuthClientRevoke]: { request: ScopedId; reply: OAuthClientResource };
  [Patterns.AuthSigningKeyCreate]: { request: Scoped<CreateSigningKeyParams>; reply: SigningKeyResource };
  [Patterns.AuthSigningKeyRetrieve]: { request: ScopedId; reply: SigningKeyResource };
  [Patterns.AuthSigningKeyList]: { request: Scoped<ListSigningKeysParams>; reply: ListResource<SigningKeyResource> };
  [Patterns.AuthSigningKeyRevoke]: { request: ScopedId; reply: SigningKeyResource };
  [Patterns.AuthSigningKeyRoll]: { request: ScopedId; reply: SigningKeyResource };
  [Patterns.AuthSigningKeySignNotification]: { request: Scoped<SignNotificationParams>; reply: SignedNotification };
  [Patterns.TransactionWebhookCheck]: { request: Scoped<CheckTransactionWebhookParams>; reply: { url: string } };
  [Patterns.TransactionWebhookCreate]: { request: Scoped<CreateTransactionWebhookParams>; reply: { id: string } };
  [Patterns.AuthUserCreate]: { request: Scoped<CreateUserParams>; reply: UserResource };
  [Patterns.AuthUserRetrieve]: { request: ScopedId; reply: UserResource };
  [Patterns.AuthUserList]: { request: Scoped<ListUsersParams>; reply: ListResource<UserResource> };
  [Patterns.AuthUserUpdate]: { request: Scoped<UpdateUserParams>; reply: UserResource };
  [Patterns.AuthUserDelete]: { request: ScopedId; reply: DeletedUserResource };
  [Patterns.AuthApiKeyCreate]: { request: Scoped<CreateApiKeyParams>; reply: ApiKeyResource };
  [Patterns.AuthApiKeyRetrieve]: { request: ScopedId; reply: ApiKeyResource };
  [Patterns.AuthApiKeyList]: { request: Scoped<ListApiKeysParams>; reply: ListResource<ApiKeyResource> };
  [Patterns.AuthApiKeyRoll]: { request: Scoped<RollApiKeyParams>; reply: ApiKeyResource };
  [Patterns.AuthApiKeyRevoke]: { request: ScopedId; reply: ApiKeyResource };
  [Patterns.AuthAccountRetrieve]: { request: Scoped<RetrieveAccountParams>; reply: AccountResource };
  [Patterns.GatewayAccountCreate]: { request: Scoped<CreateGatewayAccountParams>; reply: GatewayAccountResource };
  [Patterns.GatewayAccountRetrieve]: { request: ScopedId; reply: GatewayAccountResource };
  [Patterns.GatewayAccountUpdate]: { request: Scoped<UpdateGatewayAccountParams>; reply: GatewayAccountResource };
  [Patterns.GatewayAccountList]: { request: Scoped<ListGatewayAccountsParams>; reply: ListResource<GatewayAccountResource> };
  [Patterns.GatewayAccountDelete]: { request: ScopedId; reply: DeletedGatewayAccountResource };
  [Patterns.GatewayList]: { request: Scoped<Record<string, never>>; reply: ListResource<GatewayResource> };
  [Patterns.GatewayHealth]: { request: Scoped<Record<string, never>>; reply: ListResource<GatewayHealthResource> };
  [Patterns.RoutingRuleCreate]: { request: Scoped<CreateRoutingRuleParams>; reply: RoutingRuleResource };
  [Patterns.RoutingRuleRetrieve]: { request: ScopedId; reply: RoutingRuleResource };
  [Patterns.RoutingRuleUpdate]: { request: Scoped<UpdateRoutingRuleParams>; reply: RoutingRuleResource };
  [Patterns.RoutingRuleList]: { request: Scoped<ListRoutingRulesParams>; reply: ListResource<RoutingRuleResource> };
  [Patterns.RoutingRuleDelete]: { request: ScopedId; reply: DeletedRoutingRuleResource };
  [Patterns.RoutingCheck]: { request: Scoped<CheckRoutingParams>; reply: CheckRoutingResult };
  /** Public: the gateway's signature, checked against the account's webhook secret, is the credential. */
  [Patterns.ConnectorCallbackReceive]: { request: ReceiveGatewayCallbackParams; reply: ReceiveGatewayCallbackResult };
  /** Public: the M-Pesa document's `mpesa-callback/`, addressed to no account; only a pending push's CheckoutRequestID, confirmed by the STK query, ties it to one. */
  [Patterns.ConnectorMpesaDocumentCallback]: { request: ReceiveMpesaDocumentCallbackParams; reply: ReceiveGatewayCallbackResult };
  [Patterns.DisputeRetrieve]: { request: ScopedId; reply: DisputeResource };
  [Patterns.DisputeList]: { request: Scoped<ListDisputesParams>; reply: ListResource<DisputeResource> };
  [Patterns.DisputeUpdate]: { request: Scoped<UpdateDisputeParams>; reply: DisputeResource };
  [Patterns.DisputeClose]: { request: ScopedId; reply: DisputeResource };

  [Patterns.LedgerPing]: { request: Record<string, never>; reply: Ping };
  [Patterns.BalanceRetrieve]: { request: Scoped<Record<string, never>>; reply: BalanceResource };
  [Patterns.BalanceTransactionRetrieve]: { request: ScopedId; reply: BalanceTransactionResource };
  [Patterns.BalanceTransactionList]: { request: Scoped<ListBalanceTransactionsParams>; reply: ListResource<BalanceTransactionResource> };
  [Patterns.ReportingSummary]: { request: Scoped<ReportingSummaryParams>; reply: LedgerSummary };
  [Patterns.ChargeFailedTally]: { request: Scoped<ReportingSummaryParams>; reply: FailedChargeTally };
  [Patterns.LedgerAccountCreate]: { request: Scoped<CreateLedgerAccountParams> & Idempotent; reply: LedgerAccountResource };
  [Patterns.LedgerAccountRetrieve]: { request: ScopedId; reply: LedgerAccountResource };
  [Patterns.LedgerAccountUpdate]: { request: Scoped<UpdateLedgerAccountParams>; reply: LedgerAccountResource };
  [Patterns.LedgerAccountList]: { request: Scoped<ListLedgerAccountsParams>; reply: ListResource<LedgerAccountResource> };
  [Patterns.TransferCreate]: { request: Scoped<CreateTransferParams> & Idempotent; reply: TransferResource };
  [Patterns.TransferRetrieve]: { request: ScopedId; reply: TransferResource };
  [Patterns.TransferList]: { request: Scoped<ListTransfersParams>; reply: ListResource<TransferResource> };
  [Patterns.PricingPlanRetrieve]: { request: Scoped<Record<string, never>>; reply: PricingPlanResource };
  [Patterns.PricingPlanReplace]: { request: Scoped<ReplacePricingPlanParams>; reply: PricingPlanResource };
  [Patterns.PricingCosts]: { request: Scoped<ReportingSummaryParams>; reply: PricingCostsResource };
  [Patterns.CheckoutSessionCreate]: { request: Scoped<CreateCheckoutSessionParams>; reply: CheckoutSessionResource };
  [Patterns.CheckoutSessionRetrieve]: { request: ScopedId; reply: CheckoutSessionResource };
  [Patterns.CheckoutSessionList]: { request: Scoped<ListCheckoutSessionsParams>; reply: ListResource<CheckoutSessionResource> };
  [Patterns.CheckoutSessionLineItems]: { request: Scoped<ListCheckoutLineItemsParams>; reply: ListResource<CheckoutLineItemResource> };
  [Patterns.CheckoutSessionExpire]: { request: ScopedId; reply: CheckoutSessionResource };
  /** Public: the session's id is the hosted page's credential. */
  [Patterns.CheckoutSessionPage]: { request: CheckoutPageParams; reply: CheckoutPageView };
  [Patterns.CheckoutSessionPay]: { request: PayCheckoutSessionParams; reply: PayCheckoutSessionResult };
  /** Public like the page: the session's id, and Razorpay's signature over the order, are the credential. */
  [Patterns.CheckoutSessionGatewayReturn]: { request: CheckoutGatewayReturnParams; reply: PayCheckoutSessionResult };
  [Patterns.CheckoutSessionTransactions]: { request: Scoped<ListCheckoutTransactionsParams>; reply: CheckoutTransactionPage };
}

export type RequestOf<P extends keyof PatternMap> = PatternMap[P]['request'];
export type ReplyOf<P extends keyof PatternMap> = PatternMap[P]['reply'];
