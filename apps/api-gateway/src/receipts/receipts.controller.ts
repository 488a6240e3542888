import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Patterns } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Response } from 'express';
import { Access } from '../authentication/access.decorator.js';
import { ApiHtmlPage } from '../docs/api-html-page.decorator.js';
import { sendHtml } from '../common/html.js';
import { ReceiptQueryDto } from './dto/receipt-query.dto.js';
import { receiptPage } from './receipt.page.js';

/** A charge's `receipt_url`: public, the unguessable token in the URL is the credential. */
@Access({ public: true })
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * A charge's printable receipt (receipt_url; HTML, no API key; the token is the credential)
   */
  @Get(':id')
  @ApiHtmlPage({ ok: 'The receipt.', errors: { 404: 'The link is invalid.' } })
  async receipt(@Param('id') id: string, @Query() query: ReceiptQueryDto, @Res() res: Response): Promise<void> {
    try {
      const receipt = await this.client.send(Patterns.ChargeReceipt, { id, token: query.token });
      sendHtml(res, 200, 'Receipt', receiptPage(receipt));
    } catch (error) {
      if (error instanceof PayrailError && error.code === 'resource_missing') {
        sendHtml(res, 404, 'Receipt not found', '<h1>Receipt not found</h1><p>This receipt link is invalid.</p>');
        return;
      }
      throw error;
    }
  }
}
