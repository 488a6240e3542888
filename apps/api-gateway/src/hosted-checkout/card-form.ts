import type { CardInput } from '@payrail/contracts';
import type { PayFormDto } from './dto/pay-form.dto.js';

export type CardReading = { card: CardInput } | { problem: string };

/**
 * The card fields as a person types them: spaces or dashes in the number, `MM / YY` or `MM/YYYY`.
 * What cannot be read is said on the page; the number is checked further by the tokeniser.
 */
export function readCard(fields: { card_number: string; card_exp: string; card_cvc: string }, now: Date = new Date()): CardReading {
  const number = fields.card_number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) return { problem: 'Your card number is incomplete or invalid.' };
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(fields.card_exp);
  if (!expiry) return { problem: 'Enter the expiry date as MM / YY.' };
  const month = Number(expiry[1]);
  const year = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
  if (month < 1 || month > 12) return { problem: 'Your card\'s expiry month is invalid.' };
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
    return { problem: 'Your card\'s expiry date is in the past.' };
  }
  const cvc = fields.card_cvc.trim();
  if (!/^\d{3,4}$/.test(cvc)) return { problem: 'Your card\'s security code is incomplete.' };
  return { card: { number, exp_month: month, exp_year: year, cvc } };
}

export type PaymentMethodReading = { method: { card: CardInput } | { mpesa: { phone_number: string } } | { at_gateway: 'upi' | 'card' } } | { problem: string };

/** The method of the form that was sent; an M-Pesa number is checked further by payments. */
export function readPaymentMethod(form: PayFormDto, now: Date = new Date()): PaymentMethodReading {
  // The UPI ID, or a card routed to Razorpay, is typed at Razorpay's Hosted Checkout, never here.
  if (form.method === 'upi') return { method: { at_gateway: 'upi' } };
  if (form.method === 'card_at_gateway') return { method: { at_gateway: 'card' } };
  if (form.method === 'mpesa') {
    const phone = form.mpesa_phone?.replace(/[\s-]/g, '') ?? '';
    return /^\+?\d{9,12}$/.test(phone) ? { method: { mpesa: { phone_number: phone } } } : { problem: 'Enter an M-Pesa number such as 0712 345 678.' };
  }
  const reading = readCard({ card_number: form.card_number ?? '', card_exp: form.card_exp ?? '', card_cvc: form.card_cvc ?? '' }, now);
  return 'problem' in reading ? reading : { method: { card: reading.card } };
}
