import type { ChargeReceiptView } from '@payrail/contracts';
import { Money } from '@payrail/domain';
import { escapeHtml } from '../common/html.js';

/** A printable receipt. Every value is escaped: description and statement descriptor are merchant text. */
export function receiptPage(receipt: ChargeReceiptView): string {
  const money = (minor: number) => escapeHtml(Money.format(minor, receipt.currency));
  const paid = receipt.captured ? receipt.amount_captured : receipt.amount;
  const rows: Array<[string, string]> = [
    ['Receipt number', receipt.receipt_number ? escapeHtml(receipt.receipt_number) : '—'],
    ['Date paid', escapeHtml(new Date(receipt.created * 1000).toISOString().slice(0, 10))],
    ['Payment method', receipt.card ? `${escapeHtml(capitalise(receipt.card.brand))} •••• ${escapeHtml(receipt.card.last4)}` : '—'],
  ];
  if (receipt.description) rows.push(['Description', escapeHtml(receipt.description)]);
  if (receipt.statement_descriptor) rows.push(['Statement descriptor', escapeHtml(receipt.statement_descriptor)]);
  if (receipt.amount_refunded > 0) rows.push(['Refunded', money(receipt.amount_refunded)]);
  const heading = receipt.captured ? 'Amount paid' : 'Amount authorised';
  return `<h1>Receipt</h1>
${receipt.livemode ? '' : '<p class="note">Test mode receipt.</p>'}
<p class="note">${heading}</p>
<p class="amount">${money(paid)}</p>
<dl>
${rows.map(([label, value]) => `  <dt>${escapeHtml(label)}</dt><dd>${value}</dd>`).join('\n')}
</dl>
<p class="note">Charge ${escapeHtml(receipt.id)}</p>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
