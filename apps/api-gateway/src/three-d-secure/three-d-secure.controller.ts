import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Response } from 'express';
import { Access } from '../authentication/access.decorator.js';
import { ApiHtmlPage } from '../docs/api-html-page.decorator.js';
import { sendHtml } from '../common/html.js';
import { AuthenticationFormDto, AuthenticationPageQueryDto } from './dto/authentication-page.dto.js';
import { authenticationDonePage, authenticationLinkInvalidPage, authenticationPage } from './three-d-secure.page.js';

/**
 * The 3D Secure redirect page of `next_action.redirect_to_url.url`. No API key: the customer's browser
 * opens it, and the single-use token bound to the intent is the credential. Completing or failing
 * sends the customer back to the merchant's `return_url` with a 303, as Stripe does.
 */
@Access({ public: true })
@Controller('v1/3ds')
export class ThreeDSecureController {
  constructor(private readonly client: MessageClient) {}

  /**
   * The 3D Secure page of next_action.redirect_to_url.url (HTML, no API key; the single-use token is the
   * credential)
   */
  @Get(':id')
  @ApiHtmlPage({ ok: 'The authentication page.', errors: { 404: 'The link is used or wrong.' } })
  async page(@Param('id') id: string, @Query() query: AuthenticationPageQueryDto, @Res() res: Response): Promise<void> {
    await this.rendering(res, async () => {
      const view = await this.client.send(Patterns.PaymentIntentAuthenticationPage, { id, token: query.token });
      sendHtml(res, 200, 'Confirm your payment', authenticationPage(view, query.token));
    });
  }

  /**
   * The page's form: outcome=complete|fail; answers 303 to return_url
   */
  @Post(':id')
  @ApiHtmlPage({ ok: 'Done: authenticated or failed, when the intent has no `return_url`.', redirect: 'To the intent\'s `return_url`.', errors: { 404: 'The link is used or wrong.' } })
  async submit(@Param('id') id: string, @Body() form: AuthenticationFormDto, @Res() res: Response): Promise<void> {
    await this.rendering(res, async () => {
      const result = await this.client.send(Patterns.PaymentIntentAuthenticate, { id, token: form.token, outcome: form.outcome });
      if (result.redirect_to) {
        res.redirect(303, result.redirect_to);
        return;
      }
      const succeeded = result.status === 'succeeded' || result.status === 'requires_capture';
      sendHtml(res, 200, succeeded ? 'Authentication complete' : 'Authentication failed', authenticationDonePage(succeeded));
    });
  }

  /** A page, not JSON, for what the customer can cause: a used or wrong link. */
  private async rendering(res: Response, render: () => Promise<void>): Promise<void> {
    try {
      await render();
    } catch (error) {
      if (error instanceof PayrailError && error.code === 'resource_missing') {
        sendHtml(res, 404, 'Link no longer valid', authenticationLinkInvalidPage());
        return;
      }
      throw error;
    }
  }
}
