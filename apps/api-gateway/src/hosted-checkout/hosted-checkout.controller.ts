import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Patterns, type CheckoutPageView } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request, Response } from 'express';
import { Access } from '../authentication/access.decorator.js';
import { ApiHtmlPage } from '../docs/api-html-page.decorator.js';
import { absoluteUrl, publicBaseUrl } from '../common/public-url.js';
import { readPaymentMethod } from './card-form.js';
import { pageLocale } from './checkout-format.js';
import { sendCheckoutPage } from './checkout-html.js';
import { checkoutPage, completePage, expiredPage, missingPage, processingPage, staleFormPage } from './checkout-page.js';
import { mpesaWaitingPage, streamOriginOf } from './mpesa-waiting-page.js';
import { csrfAccepted, issueCsrfToken } from './csrf.js';
import { noticeForFailure, razorpayHandoffPage, razorpayNotice, readRazorpayCallback } from './razorpay-checkout.js';
import { PayFormDto } from './dto/pay-form.dto.js';

/**
 * The hosted payment page at a Checkout Session's `url`. No API key: the customer's browser opens it
 * and the session's unguessable id is the credential, as on Stripe. The form posts the card here, and
 * the edge hands it to payments, which has it tokenised; it never reaches the merchant, a URL or a log.
 */
@Access({ public: true })
@Controller('checkout')
export class HostedCheckoutController {
  constructor(private readonly client: MessageClient) {}

  /**
   * `redirect_status` is set when 3-D Secure sends the customer back: a completed session then goes on to
   * success_url. `razorpay` names why Razorpay sent the customer back unpaid (one of Payrail's own notices).
   */
  @Get(':id')
  @ApiHtmlPage({
    ok: 'The payment page, or the completed or processing page.',
    redirect: 'Back from 3-D Secure with the session complete: on to its `success_url`.',
    errors: { 402: 'The payment page again, with why the last attempt failed.', 404: 'No such session.', 410: 'The session has expired.' },
  })
  async page(
    @Param('id') id: string,
    @Query('redirect_status') redirectStatus: unknown,
    @Query('razorpay') razorpay: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.view(id, res);
    if (!view) return;
    if (view.status === 'complete' && typeof redirectStatus === 'string') {
      res.redirect(303, view.success_url);
      return;
    }
    await this.render(view, req, res, razorpayNotice(razorpay));
  }

  /**
   * Razorpay's Hosted Checkout posts its result here (its `callback_url`). This is a cross-site POST
   * from Razorpay's page, so it cannot carry the page's CSRF token or its SameSite=Strict cookie; it
   * needs neither: a payment counts only if its `razorpay_signature` (keyed with the account's secret,
   * which no browser has) verifies for the order of this very session's PaymentIntent, and anything
   * else (a failure, a forgery, a replay) pays nothing and only decides which page the customer sees.
   * The answer is always a redirect (POST, then GET), so a reload or the back button posts nothing again.
   */
  @Post(':id/razorpay')
  @ApiHtmlPage({
    ok: 'Never: always a redirect.',
    redirect: 'To the session\'s success_url once paid, else back to its page with why (still payable).',
    errors: { 404: 'No such session.' },
  })
  async razorpayReturn(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = `/checkout/${encodeURIComponent(id)}`;
    const callback = readRazorpayCallback(body);
    if (callback.kind !== 'paid') {
      res.redirect(303, `${page}?razorpay=${callback.kind === 'failed' ? noticeForFailure(callback.reason) : 'declined'}`);
      return;
    }
    let result;
    try {
      result = await this.client.send(Patterns.CheckoutSessionGatewayReturn, { id, razorpay: callback.result });
    } catch (error) {
      if (!(error instanceof PayrailError)) throw error;
      if (error.code === 'resource_missing') {
        sendCheckoutPage(res, 404, missingPage());
        return;
      }
      // Razorpay could not be asked now: the page shows where the payment stands, and Razorpay's webhook settles it.
      res.redirect(303, page);
      return;
    }
    if (result.outcome === 'complete') res.redirect(303, absoluteUrl(result.redirect_to, req));
    else if (result.outcome === 'retry') res.redirect(303, `${page}?razorpay=${result.code === 'payment_mismatch' ? 'unverified' : 'declined'}`);
    else res.redirect(303, page);
  }

  @Post(':id/pay')
  @ApiHtmlPage({
    ok: 'The completed, processing or M-Pesa waiting page.',
    redirect: 'To 3-D Secure, or back to the session\'s page.',
    errors: { 402: 'The payment page again, with why the payment failed.', 403: 'The form is stale (its CSRF token is not this session\'s).', 404: 'No such session.', 410: 'The session has expired.' },
  })
  async pay(@Param('id') id: string, @Body() form: PayFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const base = publicBaseUrl(req);
    if (!csrfAccepted(req, form.csrf, [new URL(base).origin, `${req.protocol}://${req.get('host')}`])) {
      sendCheckoutPage(res, 403, staleFormPage(id));
      return;
    }
    const reading = readPaymentMethod(form);
    if ('problem' in reading) {
      const view = await this.view(id, res);
      if (view) await this.render(view, req, res, reading.problem);
      return;
    }
    let result;
    try {
      result = await this.client.send(Patterns.CheckoutSessionPay, {
        id,
        attempt: form.attempt,
        ...reading.method,
        ...(form.email ? { email: form.email } : {}),
        ...(form.cardholder ? { name: form.cardholder } : {}),
        return_url: `${base}/checkout/${encodeURIComponent(id)}`,
      });
    } catch (error) {
      if (!(error instanceof PayrailError)) throw error;
      if (error.code === 'resource_missing') {
        sendCheckoutPage(res, 404, missingPage());
        return;
      }
      // The customer sees a page, never an API error: a lost answer is looked at again (the page shows a
      // payment still processing), anything else is said above the form.
      if (error.code === 'upstream_timeout') {
        res.redirect(303, `/checkout/${encodeURIComponent(id)}`);
        return;
      }
      const view = await this.view(id, res);
      if (view) await this.render(view, req, res, 'The payment could not be completed right now. Please try again in a moment.');
      return;
    }
    switch (result.outcome) {
      case 'complete':
      case 'requires_action':
        res.redirect(303, absoluteUrl(result.redirect_to, req));
        return;
      case 'retry': {
        const view = await this.view(id, res);
        if (view) await this.render(view, req, res, result.message);
        return;
      }
      case 'awaiting_customer': {
        const view = await this.view(id, res);
        if (!view) return;
        const locale = pageLocale(view.locale, req.get('accept-language'));
        const phone = form.mpesa_phone?.replace(/\D/g, '') ?? '';
        const page = mpesaWaitingPage(view, {
          merchantName: await this.merchantName(view),
          locale,
          paymentIntent: result.payment_intent,
          clientSecret: result.client_secret,
          phoneLast4: phone.slice(-4),
          streamOrigin: streamOriginOf(publicBaseUrl(req)),
        });
        sendCheckoutPage(res, 200, page);
        return;
      }
      case 'razorpay_checkout': {
        const view = await this.view(id, res);
        if (!view) return;
        const page = `${base}/checkout/${encodeURIComponent(id)}`;
        const handoff = razorpayHandoffPage(view, {
          merchantName: await this.merchantName(view),
          locale: pageLocale(view.locale, req.get('accept-language')),
          target: result,
          method: form.method === 'upi' ? 'upi' : 'card',
          email: view.customer_email ?? form.email ?? null,
          callbackUrl: `${page}/razorpay`,
          cancelUrl: page,
        });
        sendCheckoutPage(res, 200, handoff);
        return;
      }
      case 'closed':
      case 'in_progress':
        res.redirect(303, `/checkout/${encodeURIComponent(id)}`);
        return;
    }
  }

  private async view(id: string, res: Response): Promise<CheckoutPageView | null> {
    try {
      return await this.client.send(Patterns.CheckoutSessionPage, { id });
    } catch (error) {
      if (error instanceof PayrailError && error.code === 'resource_missing') {
        sendCheckoutPage(res, 404, missingPage());
        return null;
      }
      throw error;
    }
  }

  private async render(view: CheckoutPageView, req: Request, res: Response, error?: string): Promise<void> {
    const locale = pageLocale(view.locale, req.get('accept-language'));
    const merchantName = await this.merchantName(view);
    if (view.status === 'complete') return sendCheckoutPage(res, 200, completePage(view, { merchantName, locale }));
    if (view.status === 'expired') return sendCheckoutPage(res, 410, expiredPage(view, { merchantName, locale }));
    if (view.processing) return sendCheckoutPage(res, 200, processingPage(view, { merchantName, locale }));
    const csrf = issueCsrfToken(res, req, view.id);
    sendCheckoutPage(res, error ? 402 : 200, checkoutPage(view, { merchantName, locale, csrf, error }));
  }

  private async merchantName(view: CheckoutPageView): Promise<string> {
    const account = await this.client.send(Patterns.AuthAccountRetrieve, { caller: { merchantId: view.merchant_id, livemode: view.livemode }, params: {} });
    return account.business_profile.name;
  }
}
