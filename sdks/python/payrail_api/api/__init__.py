# flake8: noqa

# import apis into api package
from payrail_api.api.account_api import AccountApi
from payrail_api.api.api_keys_api import ApiKeysApi
from payrail_api.api.balance_api import BalanceApi
from payrail_api.api.callbacks_api import CallbacksApi
from payrail_api.api.charges_api import ChargesApi
from payrail_api.api.checkout_sessions_api import CheckoutSessionsApi
from payrail_api.api.customers_api import CustomersApi
from payrail_api.api.dashboard_auth_api import DashboardAuthApi
from payrail_api.api.disputes_api import DisputesApi
from payrail_api.api.events_api import EventsApi
from payrail_api.api.gateway_accounts_api import GatewayAccountsApi
from payrail_api.api.gateway_api_client_api import GatewayApiClientApi
from payrail_api.api.gateway_api_dashboard_api import GatewayApiDashboardApi
from payrail_api.api.gateway_api_gateways_api import GatewayApiGatewaysApi
from payrail_api.api.gateway_api_payments_api import GatewayApiPaymentsApi
from payrail_api.api.gateway_api_refunds_api import GatewayApiRefundsApi
from payrail_api.api.gateways_api import GatewaysApi
from payrail_api.api.health_api import HealthApi
from payrail_api.api.hosted_checkout_api import HostedCheckoutApi
from payrail_api.api.ledger_accounts_api import LedgerAccountsApi
from payrail_api.api.mpesa_api_api import MpesaApiApi
from payrail_api.api.o_auth_api import OAuthApi
from payrail_api.api.o_auth_clients_api import OAuthClientsApi
from payrail_api.api.payment_engine_api import PaymentEngineApi
from payrail_api.api.payment_intents_api import PaymentIntentsApi
from payrail_api.api.payment_methods_api import PaymentMethodsApi
from payrail_api.api.pricing_plan_api import PricingPlanApi
from payrail_api.api.receipts_api import ReceiptsApi
from payrail_api.api.refunds_api import RefundsApi
from payrail_api.api.reporting_api import ReportingApi
from payrail_api.api.request_logs_api import RequestLogsApi
from payrail_api.api.routing_rules_api import RoutingRulesApi
from payrail_api.api.signing_keys_api import SigningKeysApi
from payrail_api.api.three_d_secure_api import ThreeDSecureApi
from payrail_api.api.transfers_api import TransfersApi
from payrail_api.api.users_api import UsersApi
from payrail_api.api.webhook_endpoints_api import WebhookEndpointsApi

