import { authenticationPage } from './three-d-secure.page.js';

describe('authenticationPage', () => {
  it('posts the token back with one of two buttons, and shows the amount', () => {
    const html = authenticationPage({ payment_intent: 'pi_1', amount: 2000, currency: 'eur', livemode: false }, 'tok123');
    expect(html).toContain('<form method="post" action="/v1/3ds/pi_1">');
    expect(html).toContain('<input type="hidden" name="token" value="tok123">');
    expect(html).toContain('value="complete">Complete authentication</button>');
    expect(html).toContain('value="fail">Fail authentication</button>');
    expect(html).toContain('EUR 20.00');
  });

  it('escapes what it echoes', () => {
    const html = authenticationPage({ payment_intent: 'pi_"x', amount: 1, currency: 'usd', livemode: false }, '"><script>');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});
