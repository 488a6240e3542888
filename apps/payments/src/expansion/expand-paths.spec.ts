import { refusal } from '@payrail/testing';
import { parseExpand, type ExpandTree } from './expand-paths.js';

/** The tree as nested plain objects, easier to compare: field → subtree. */
function shape(tree: ExpandTree): Record<string, unknown> {
  return Object.fromEntries([...tree.fields].map(([field, child]) => [field, shape(child)]));
}

describe('expand paths', () => {
  it('expands nothing without expand, or with an empty list', () => {
    expect(shape(parseExpand('payment_intent', undefined))).toEqual({});
    expect(shape(parseExpand('payment_intent', []))).toEqual({});
  });

  it('merges the paths into one tree, nested as deep as Stripe allows', () => {
    const tree = parseExpand('payment_intent', ['customer', 'latest_charge', 'latest_charge.balance_transaction', 'latest_charge.payment_intent.customer']);
    expect(shape(tree)).toEqual({
      customer: {},
      latest_charge: { balance_transaction: {}, payment_intent: { customer: {} } },
    });
    expect(tree.fields.get('latest_charge')?.type).toBe('charge');
  });

  it('knows a field whose name holds a dot, and what lies beyond it', () => {
    expect(shape(parseExpand('customer', ['invoice_settings.default_payment_method.customer']))).toEqual({
      'invoice_settings.default_payment_method': { customer: {} },
    });
  });

  it('applies list paths to the items under data., and refuses list paths without it', () => {
    expect(shape(parseExpand('payment_intent', ['data.customer', 'data.latest_charge'], { list: true }))).toEqual({ customer: {}, latest_charge: {} });
    expect(refusal(() => parseExpand('payment_intent', ['customer'], { list: true }))).toMatchObject({
      code: 'parameter_invalid',
      param: 'expand[0]',
      message: 'This property cannot be expanded (customer).',
    });
  });

  it('refuses an unknown or non-expandable path, naming it and its index as Stripe does', () => {
    expect(refusal(() => parseExpand('payment_intent', ['customer', 'foo']))).toMatchObject({
      code: 'parameter_invalid',
      param: 'expand[1]',
      message: 'This property cannot be expanded (foo).',
    });
    expect(refusal(() => parseExpand('payment_intent', ['amount']))).toMatchObject({ param: 'expand[0]' });
    expect(refusal(() => parseExpand('payment_intent', ['customer.email']))).toMatchObject({ message: 'This property cannot be expanded (customer.email).' });
    expect(refusal(() => parseExpand('charge', ['payment_method']))).toMatchObject({ param: 'expand[0]' });
    expect(refusal(() => parseExpand('payment_intent', ['latest_charge.balance_transaction.source']))).toMatchObject({ param: 'expand[0]' });
    expect(refusal(() => parseExpand('payment_intent', ['']))).toMatchObject({ param: 'expand[0]' });
    expect(refusal(() => parseExpand('payment_intent', ['customer.']))).toMatchObject({ param: 'expand[0]' });
  });

  it('refuses more than four levels, counting a list\'s data', () => {
    expect(shape(parseExpand('charge', ['data.payment_intent.customer.default_source'], { list: true }))).toEqual({
      payment_intent: { customer: { default_source: {} } },
    });
    expect(refusal(() => parseExpand('charge', ['data.payment_intent.latest_charge.payment_intent.customer'], { list: true }))).toMatchObject({
      code: 'parameter_invalid',
      param: 'expand[0]',
    });
    expect(refusal(() => parseExpand('payment_intent', ['latest_charge.payment_intent.latest_charge.payment_intent.customer']))).toMatchObject({
      message: expect.stringContaining('more than 4 levels'),
    });
  });
});
