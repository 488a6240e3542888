import { normalizeMpesaPhone } from './mpesa-phone.js';

describe('normalizeMpesaPhone', () => {
  it.each([
    ['0712345678', '254712345678'],
    ['0112345678', '254112345678'],
    ['+254712345678', '254712345678'],
    ['254712345678', '254712345678'],
    ['+254 712 345-678', '254712345678'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeMpesaPhone(input)).toBe(expected);
  });

  it.each(['', '712345678', '0812345678', '25471234567', '2547123456789', '+255712345678', '07123456a8', 12345])('refuses %p', (input) => {
    expect(normalizeMpesaPhone(input)).toBeNull();
  });
});
