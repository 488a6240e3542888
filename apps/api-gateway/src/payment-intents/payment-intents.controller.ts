import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type ApiKeyType, type Caller, PaymentIntentResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { PayrailError } from '@payrail/errors';
import type { Request } from 'express';
import { Access } from '../authentication/access.decorator.js';
import { assertClientSecretMatches, requireClientSecretFor } from '../authentication/client-secret.js';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { CurrentKeyType } from '../authentication/current-key-type.decorator.js';
import { assertExpandableWithKey } from '../common/expand.validator.js';
import { viewFor } from './client-side-view.js';
import { CancelPaymentIntentDto } from './dto/cancel-payment-intent.dto.js';
import { CapturePaymentIntentDto } from './dto/capture-payment-intent.dto.js';
import { ConfirmPaymentIntentDto } from './dto/confirm-payment-intent.dto.js';
import { CreatePaymentIntentDto } from './dto/create-payment-intent.dto.js';
import { ListPaymentIntentsDto } from './dto/list-payment-intents.dto.js';
import { RetrievePaymentIntentDto } from './dto/retrieve-payment-intent.dto.js';
import { UpdatePaymentIntentDto } from './dto/update-payment-intent.dto.js';
import { idempotencyKeyOf } from '../idempotency/idempotency-key-of.js';
import { withChargesLists } from './legacy-charges.js';
import { forStripeSdk } from './stripe-sdk-action.js';
import { paymentIntentListResponse, paymentIntentResponse } from './payment-intent.response.js';
import { ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { CLIENT_SIDE_PAYMENT_INTENT } from '../docs/response-variants.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/payment_intents')
export class PaymentIntentsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a PaymentIntent
   */
  @Post()
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentIntentDto, @Req() req: Request) {
    const { allowed_payment_method_types: allowed, customer_id: customerId, use_stripe_sdk: useStripeSdk, ...params } = body;
    const customer = customerAlias(params.customer, customerId);
    const request = { caller, params: { ...params, customer, payment_method_types: params.payment_method_types ?? allowed }, idempotencyKey: idempotencyKeyOf(req) };
    const intent = await this.shaped(this.client.send(Patterns.PaymentIntentCreate, request), caller, req);
    return useStripeSdk ? forStripeSdk(intent) : intent;
  }

  /**
   * List PaymentIntents, newest first
   */
  @ApiListResponse(PaymentIntentResource)
  @Get()
  @Access({ scope: 'payments:read' })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListPaymentIntentsDto, @Req() req: Request) {
    const list = paymentIntentListResponse(await this.client.send(Patterns.PaymentIntentList, { caller, params: query }), req);
    return { ...list, data: await withChargesLists(list.data, caller, req, this.client) };
  }

  /**
   * Retrieve a PaymentIntent
   * @remarks Payrail extension: `reconciliation: {status: scheduled|gave_up, attempts, next_attempt_at, last_error}`
   * while the intent is `processing` and Payrail is settling an unknown gateway outcome (null otherwise, and
   * never shown to a publishable key). `gave_up`: a week of asking the gateway did not settle it; it stays
   * `processing` until resolved. An intent in `requires_action` at a gateway that hosts 3-D Secure itself
   * (Stripe) has `next_action.redirect_to_url.url` on the gateway's page, which sends the customer back to
   * your `return_url`; retrieving it then (or the gateway's webhook) settles it from the gateway's record.
   */
  @Get(':id')
  @Access({ scope: 'payments:read', publishableKey: true })
  @ApiOkResponse({ description: 'The PaymentIntent; with a publishable key, its client-side view.', schema: { anyOf: [{ $ref: getSchemaPath(PaymentIntentResource) }, { $ref: getSchemaPath(CLIENT_SIDE_PAYMENT_INTENT) }] } })
  async retrieve(
    @CurrentCaller() caller: Caller,
    @CurrentKeyType() keyType: ApiKeyType,
    @Param('id') id: string,
    @Query() query: RetrievePaymentIntentDto,
    @Req() req: Request,
  ) {
    requireClientSecretFor(keyType, query.client_secret);
    assertExpandableWithKey(keyType, query.expand);
    const intent = await this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id, expand: query.expand } });
    assertClientSecretMatches(keyType, intent, query.client_secret);
    return viewFor(keyType, await this.shaped(Promise.resolve(intent), caller, req, keyType));
  }

  /**
   * Update a PaymentIntent. amount, currency, customer, payment_method, capture_method and
   * statement_descriptor only before anything is authorised (requires_payment_method, requires_confirmation,
   * requires_action); description, metadata (merged: an empty value unsets a key, `metadata=` clears all) and
   * receipt_email at any status. A new payment_method means confirming again.
   */
  @Post(':id')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdatePaymentIntentDto, @Req() req: Request) {
    const { customer_id: customerId, ...params } = body;
    const update = { caller, params: { ...params, customer: customerAlias(params.customer, customerId), id } };
    return this.shaped(this.client.send(Patterns.PaymentIntentUpdate, update), caller, req);
  }

  /**
   * Confirm a PaymentIntent: authorises through the routed gateway connector. A card that asks for 3D Secure
   * (pm_card_threeDSecure2Required, pm_card_authenticationRequired) leaves it in requires_action with
   * next_action.redirect_to_url: send the customer to its url; they come back to return_url with
   * payment_intent, payment_intent_client_secret and redirect_status. Without return_url the page tells the
   * customer the result itself. Through a Razorpay account the intent answers requires_action with
   * `next_action: {type: "razorpay_checkout", razorpay_checkout: {order_id, key_id, amount, currency, checkout_url}}`: open
   * Razorpay Checkout for that order, then confirm again with Checkout's `razorpay_payment_id` and
   * `razorpay_signature` (hex HMAC-SHA256 of `order_id|payment_id` with the key secret, verified; a wrong one
   * is a 400 naming `razorpay_signature` and changes nothing).
   */
  @Post(':id/confirm')
  @Access({ scope: 'payments:write', publishableKey: true })
  @HttpCode(200)
  @ApiOkResponse({ description: 'The PaymentIntent; with a publishable key, its client-side view.', schema: { anyOf: [{ $ref: getSchemaPath(PaymentIntentResource) }, { $ref: getSchemaPath(CLIENT_SIDE_PAYMENT_INTENT) }] } })
  async confirm(
    @CurrentCaller() caller: Caller,
    @CurrentKeyType() keyType: ApiKeyType,
    @Param('id') id: string,
    @Body() body: ConfirmPaymentIntentDto,
    @Req() req: Request,
  ) {
    const { client_secret: clientSecret, use_stripe_sdk: useStripeSdk, ...params } = body;
    assertExpandableWithKey(keyType, params.expand);
    if (keyType === 'publishable') await this.assertClientSecret(caller, id, clientSecret);
    const intent = await this.shaped(this.client.send(Patterns.PaymentIntentConfirm, { caller, params: { ...params, id }, idempotencyKey: idempotencyKeyOf(req) }), caller, req, keyType);
    return viewFor(keyType, useStripeSdk ? forStripeSdk(intent) : intent);
  }

  /**
   * Capture a requires_capture PaymentIntent: all of amount_capturable, or amount_to_capture (the rest is
   * released). amount_received becomes the captured amount.
   */
  @Post(':id/capture')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  capture(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CapturePaymentIntentDto, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentCapture, { caller, params: { ...body, id } }), caller, req);
  }

  /**
   * Cancel a PaymentIntent in requires_payment_method, requires_confirmation, requires_action or
   * requires_capture (the authorisation is released)
   */
  @Post(':id/cancel')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  cancel(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CancelPaymentIntentDto, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentCancel, { caller, params: { ...body, id } }), caller, req);
  }

  /** Client-side confirmation: the intent is looked up first so that a wrong secret changes nothing. */
  private async assertClientSecret(caller: Caller, id: string, clientSecret: string | undefined): Promise<void> {
    requireClientSecretFor('publishable', clientSecret);
    const intent = await this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } });
    assertClientSecretMatches('publishable', intent, clientSecret);
  }

  /** Client-side code never sees the charges list: its charges carry the customer, metadata and card fingerprint. */
  private async shaped(reply: Promise<PaymentIntentResource>, caller: Caller, req: Request, keyType: ApiKeyType = 'secret'): Promise<PaymentIntentResource> {
    const intent = paymentIntentResponse(await reply, req);
    if (keyType === 'publishable') return intent;
    const [withCharges] = await withChargesLists([intent], caller, req, this.client);
    return withCharges;
  }
}

/** `customer_id` (the Payment Service document's name) is `customer`; sending both, differing, is ambiguous. */
function customerAlias(customer: string | undefined, customerId: string | undefined): string | undefined {
  if (customer !== undefined && customerId !== undefined && customer !== customerId) {
    throw new PayrailError('parameter_invalid', 'Send either customer or customer_id (its alias), not two different customers.', { param: 'customer_id' });
  }
  return customer ?? customerId;
}
